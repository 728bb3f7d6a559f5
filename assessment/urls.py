from django.urls import path

from assessment import views

app_name = "assessment"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("start/", views.start, name="start"),
    path("<int:pk>/", views.resume, name="resume"),
    path("preview/<int:version>/<int:index>/", views.preview, name="preview"),
    path("<int:pk>/step/<int:index>/", views.step, name="step"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/result/", views.result, name="result"),
    path("<int:pk>/report.pdf", views.result_pdf, name="result-pdf"),
    path("<int:pk>/answers.json", views.result_json, name="result-json"),
]
