from django.conf import settings


def site(request):
    """The issuing province shown in the header: the user's own province, else the deployment's."""
    user = getattr(request, "user", None)
    province = None
    if user is not None and user.is_authenticated:
        if user.province_id:
            province = user.province.short_name
        elif user.producer_id:
            province = user.producer.province.short_name
    return {"issuing_province": province or settings.OCOP_ISSUING_PROVINCE}
