from django.urls import path

from products import desk_views, dossier_views, views

app_name = "products"
urlpatterns = [
    path("products/", views.RegistryView.as_view(), name="registry"),
    path("products/<id:pk>/", views.PublicProductView.as_view(), name="detail"),
    path("my/products/", views.MyProductsView.as_view(), name="mine"),
    path("my/products/<id:pk>/", views.ProductDetailView.as_view(), name="product"),
    path("my/products/<id:pk>/edit/", views.ProductEditView.as_view(), name="edit"),
    path("my/products/<id:pk>/documents/", dossier_views.DocumentUploadView.as_view(), name="document_add"),
    path("my/products/<id:pk>/documents/<id:document>/", dossier_views.DocumentDownloadView.as_view(),
         name="document"),
    path("my/products/<id:pk>/documents/<id:document>/remove/", desk_views.DocumentRemoveView.as_view(),
         name="document_remove"),
    path("my/products/<id:pk>/reevaluation/", desk_views.ReevaluationView.as_view(), name="reevaluation"),
    path("my/producers/", desk_views.ProducerListView.as_view(), name="producers"),
    path("my/producers/new/", desk_views.ProducerCreateView.as_view(), name="producer_new"),
    path("my/producers/<id:pk>/", desk_views.ProducerDetailView.as_view(), name="producer"),
    path("my/producers/<id:pk>/edit/", desk_views.ProducerEditView.as_view(), name="producer_edit"),
    path("my/producers/<id:pk>/products/new/", desk_views.ProductCreateView.as_view(), name="product_new"),
    path("my/products/<id:pk>/submit/", dossier_views.SubmitView.as_view(), name="submit"),
    path("dossiers/", dossier_views.QueueView.as_view(), name="queue"),
    path("dossiers/<id:pk>/accept/", dossier_views.AcceptView.as_view(), name="accept"),
    path("dossiers/<id:pk>/return/", dossier_views.ReturnView.as_view(), name="return"),
]
