from django.urls import path

from assessment import cohort_views as views

app_name = "cohorts"
urlpatterns = [
    path("", views.cohort_list, name="list"),
    path("new/", views.cohort_create, name="create"),
    path("<int:pk>/", views.cohort_detail, name="detail"),
    path("<int:pk>/invitation/", views.invitation, name="invitation"),
    path("<int:pk>/trainers/", views.add_trainer, name="add-trainer"),
    path("<int:pk>/export.csv", views.export_csv, name="export"),
    path("<int:pk>/members/<int:member>/", views.member_review, name="member"),
    path("<int:pk>/members/<int:member>/reviewed/", views.member_reviewed, name="member-reviewed"),
    path("join/<slug:code>/", views.join, name="join"),
    path("memberships/<int:member>/leave/", views.leave, name="leave"),
    path("memberships/<int:member>/share/", views.share, name="share"),
]
