from django.urls import path

from panjereh.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("services/", views.service_search, name="search"),
    path("services/<slug:code>/", views.service_detail, name="service"),
    path("agencies/", views.agency_directory, name="agencies"),
    path("agencies/<slug:code>/", views.agency_detail, name="agency"),
    path("about/sample-data/", views.sample_data, name="sample_data"),
    path("me/data-access/", views.my_data_access, name="my_data_access"),
]
