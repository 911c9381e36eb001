from django.urls import path

from products import dossier_views, views

app_name = "products"
urlpatterns = [
    path("products/", views.RegistryView.as_view(), name="registry"),
    path("products/<int:pk>/", views.PublicProductView.as_view(), name="detail"),
    path("my/products/", views.MyProductsView.as_view(), name="mine"),
    path("my/products/<int:pk>/", views.ProductDetailView.as_view(), name="product"),
    path("my/products/<int:pk>/edit/", views.ProductEditView.as_view(), name="edit"),
    path("my/products/<int:pk>/documents/", dossier_views.DocumentUploadView.as_view(), name="document_add"),
    path("my/products/<int:pk>/documents/<int:document>/", dossier_views.DocumentDownloadView.as_view(),
         name="document"),
    path("my/products/<int:pk>/submit/", dossier_views.SubmitView.as_view(), name="submit"),
    path("dossiers/", dossier_views.QueueView.as_view(), name="queue"),
    path("dossiers/<int:pk>/accept/", dossier_views.AcceptView.as_view(), name="accept"),
    path("dossiers/<int:pk>/return/", dossier_views.ReturnView.as_view(), name="return"),
]
