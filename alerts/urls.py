from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("danke/", views.subscribe_thanks, name="subscribe-thanks"),
    path("abbestellen/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("verwalten/", views.manage_request, name="manage-request"),
    path("verwalten/<str:token>/", views.manage, name="manage"),
]
