from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path


def health(request):
    """For load balancers and as the bare-view baseline of benchmarks/candidate_pages.sh."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", health, name="health"),
    path("", include("profiles.urls")),
    path("assessment/", include("assessment.urls")),
    path("cohorts/", include("assessment.cohort_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
