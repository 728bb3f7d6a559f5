from django.urls import path

from profiles import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/signup/", views.signup, name="signup"),
    path("roles/<slug:framework>/<slug:code>/", views.role_detail, name="role-detail"),
]
