from django.urls import path

from products import views

app_name = "products"
urlpatterns = [
    path("products/", views.RegistryView.as_view(), name="registry"),
    path("products/<int:pk>/", views.PublicProductView.as_view(), name="detail"),
    path("my/products/", views.MyProductsView.as_view(), name="mine"),
    path("my/products/<int:pk>/", views.ProductDetailView.as_view(), name="product"),
    path("my/products/<int:pk>/edit/", views.ProductEditView.as_view(), name="edit"),
]
