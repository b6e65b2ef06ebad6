"""Admin URLs of the workflows app, under ``/admin/govinfo-workflows/``."""

from django.urls import path

from . import views

app_name = "govinfo_workflows"

urlpatterns = [
    path("pages/<int:pk>/emergency/", views.emergency, name="emergency"),
    path("steps/<int:task_state_id>/already-decided/", views.already_decided, name="already_decided"),
]
