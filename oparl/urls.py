from django.urls import path

from oparl import views

app_name = "oparl"

urlpatterns = [
    path("", views.system, name="system"),
    path("body/", views.body_list, name="body-list"),
    path("body/emscher/", views.body, name="body"),
    path("body/emscher/organization/", views.organization_list, name="organization-list"),
    path("body/emscher/person/", views.person_list, name="person-list"),
    path("body/emscher/meeting/", views.meeting_list, name="meeting-list"),
    path("body/emscher/paper/", views.paper_list, name="paper-list"),
    path("body/emscher/file/", views.file_list, name="file-list"),
    path("body/emscher/location/", views.location_list, name="location-list"),
    path("body/emscher/measure/", views.measure_list, name="measure-list"),
    path("body/emscher/topic/", views.topic_list, name="topic-list"),
    path("organization/<int:pk>/", views.organization, name="organization"),
    path("organization/<int:pk>/meeting/", views.organization_meetings, name="organization-meetings"),
    path("organization/<slug:key>/", views.organization_fixed, name="organization-fixed"),
    path("organization/<slug:key>/meeting/", views.organization_fixed_meetings, name="organization-fixed-meetings"),
    path("person/<int:pk>/", views.person, name="person"),
    path("membership/<int:pk>/", views.membership, name="membership"),
    path("meeting/<int:pk>/", views.meeting, name="meeting"),
    path("meeting/<int:pk>/documentation/", views.meeting_documentation, name="meeting-documentation"),
    path("agenda-item/programme/<int:pk>/", views.agenda_item_programme, name="agenda-item-programme"),
    path("agenda-item/workshop/<int:pk>/", views.agenda_item_workshop, name="agenda-item-workshop"),
    path("file/<int:pk>/", views.file, name="file"),
    path("location/<int:pk>/", views.location, name="location"),
    path("measure/<int:pk>/", views.measure, name="measure"),
    path("extension/Measure", views.extension_measure, name="extension-measure"),
    path("topic/<int:pk>/", views.topic, name="topic"),
    path("extension/Topic", views.extension_topic, name="extension-topic"),
]
