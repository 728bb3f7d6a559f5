from django.urls import path

from profiles import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/me/", views.account, name="account"),
    path("accounts/me/data.json", views.account_data, name="account-data"),
    path("accounts/me/delete/", views.account_delete, name="account-delete"),
    path("roles/<slug:framework>/<slug:code>/", views.role_detail, name="role-detail"),
]
