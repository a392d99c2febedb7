from django.urls import path

from . import subscription_views as views

app_name = "subscriptions"

# Under /tai-khoan/ beside the sign-in pages: a reporter's own settings.
urlpatterns = [
    path("thu-bao/", views.SubscriptionView.as_view(), name="subscription"),
    path("huy-thu-bao/<uuid:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
]
