from django.urls import path

from registry.views import ikm_data, imports, lists, owners, records

app_name = "registry"
urlpatterns = [
    path("sentra/", lists.sentra_list, name="sentra_list"),
    path("sentra/ekspor.<str:file_format>", lists.sentra_export, name="sentra_export"),
    path("sentra/<int:pk>/", records.sentra_detail, name="sentra_detail"),
    path("sentra/baru/", records.sentra_create, name="sentra_create"),
    path("sentra/<int:pk>/ubah/", records.sentra_edit, name="sentra_edit"),
    path("sentra/<int:pk>/foto/", records.sentra_photo, name="sentra_photo"),
    path("ikm/", lists.ikm_list, name="ikm_list"),
    path("ikm/ekspor.<str:file_format>", lists.ikm_export, name="ikm_export"),
    path("ikm/<int:pk>/", records.ikm_detail, name="ikm_detail"),
    path("ikm/baru/", records.ikm_create, name="ikm_create"),
    path("ikm/<int:pk>/ubah/", records.ikm_edit, name="ikm_edit"),
    path("ikm/<int:pk>/produk/baru/", ikm_data.product_create, name="product_create"),
    path("ikm/<int:ikm_pk>/produk/<int:pk>/ubah/", ikm_data.product_edit, name="product_edit"),
    path("ikm/<int:pk>/pendataan/baru/", ikm_data.snapshot_create, name="snapshot_create"),
    path("ikm/<int:pk>/pendataan/<int:year>/", ikm_data.snapshot_edit, name="snapshot_edit"),
    path("ikm/<int:pk>/akun-pemilik/", owners.owner_account_create, name="owner_account_create"),
    path("ikm/<int:pk>/usulan/kontak/", owners.contact_proposal, name="contact_proposal"),
    path("ikm/<int:pk>/usulan/produk/", owners.product_proposal, name="product_proposal"),
    path(
        "ikm/<int:ikm_pk>/usulan/produk/<int:pk>/",
        owners.product_change_proposal,
        name="product_change_proposal",
    ),
    path("usulan/", owners.proposal_queue, name="proposal_queue"),
    path("usulan/<int:pk>/", owners.proposal_review, name="proposal_review"),
    path("ikm/impor/", imports.ikm_import, name="ikm_import"),
    path("ikm/impor/templat.<str:kind>", imports.ikm_import_template, name="ikm_import_template"),
    path("ikm/impor/<uuid:upload_id>/", imports.ikm_import_preview, name="ikm_import_preview"),
    path("ikm/impor/<uuid:upload_id>/selesai/", imports.ikm_import_done, name="ikm_import_done"),
]
