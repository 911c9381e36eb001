"""The app's URLs and the benchmark's reference page: one indexed query for 20 products, a plain template."""

from django.shortcuts import render
from django.urls import path

from ocop.urls import urlpatterns as app_urlpatterns
from products.models import Product


def reference(request):
    products = Product.objects.only("pk", "name").order_by("pk")[:20]
    return render(request, "bench/reference.html", {"products": products})


urlpatterns = [path("bench/reference/", reference), *app_urlpatterns]
