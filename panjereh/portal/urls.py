from django.urls import path

from panjereh.portal import account_views, application_views, document_views, evaluation_views, payment_views, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("services/", views.service_search, name="search"),
    path("services/<slug:code>/", views.service_detail, name="service"),
    path("services/<slug:code>/apply/", application_views.apply, name="apply"),
    path("agencies/", views.agency_directory, name="agencies"),
    path("agencies/<slug:code>/", views.agency_detail, name="agency"),
    path("about/sample-data/", views.sample_data, name="sample_data"),
    path("login/", account_views.login_start, name="login"),
    path("login/code/", account_views.login_code, name="login_code"),
    path("login/resend/", account_views.login_resend, name="login_resend"),
    path("logout/", account_views.log_out, name="logout"),
    path("me/", account_views.my_account, name="my_account"),
    path("me/applications/", application_views.my_applications, name="my_applications"),
    path("me/applications/<str:tracking_code>/", application_views.application_page, name="application"),
    path("me/applications/<str:tracking_code>/live/", application_views.application_live, name="application_live"),
    path("me/applications/<str:tracking_code>/appeal/", application_views.application_appeal, name="appeal"),
    path("me/applications/<str:tracking_code>/rating/", application_views.application_rate, name="rate"),
    path("me/applications/<str:tracking_code>/complaint/", application_views.application_complain, name="complain"),
    path("me/applications/<str:tracking_code>/pay/", payment_views.application_pay, name="pay"),
    path("payments/<str:payment_id>/return", payment_views.payment_back, name="payment_return"),
    path("me/payments/<str:payment_id>/receipt/", payment_views.receipt, name="receipt"),
    path("me/payments/<str:payment_id>/receipt.pdf", payment_views.receipt_download, name="receipt_pdf"),
    path("me/documents/", application_views.my_documents, name="my_documents"),
    path("me/inbox/", application_views.inbox, name="inbox"),
    path("me/inbox/<int:notification_id>/read/", application_views.inbox_read, name="inbox_read"),
    path("me/data-access/", views.my_data_access, name="my_data_access"),
    path("me/documents/<str:document_id>/", document_views.my_document, name="my_document"),
    path("me/documents/<str:document_id>/pdf", document_views.my_document_pdf, name="my_document_pdf"),
    path("verify/", document_views.verify_start, name="verify_start"),
    path("verify/<str:document_id>", document_views.verify, name="verify"),
    path("statistics/", evaluation_views.statistics_page, name="statistics"),
    path("evaluation/", evaluation_views.evaluation_home, name="evaluation"),
    path("evaluation/methodology/", evaluation_views.evaluation_methodology, name="evaluation_methodology"),
    path("evaluation/connection-report/", evaluation_views.connection_report_page, name="connection_report"),
    path("evaluation/<str:round_code>/", evaluation_views.evaluation_round, name="evaluation_round"),
    path("evaluation/<str:round_code>/<slug:agency_code>", evaluation_views.evaluation_card, name="evaluation_card"),
    path(
        "evaluation/<str:round_code>/<slug:agency_code>/services",
        evaluation_views.evaluation_services,
        name="evaluation_services",
    ),
]
