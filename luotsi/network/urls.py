from django.urls import path

from luotsi.network.views import businesses, contacts, handover, organisations, transfer, work

app_name = "network"

urlpatterns = [
    path("", work.home, name="home"),
    path("search/", work.search, name="search"),
    path("organisations/", organisations.organisation_list, name="organisations"),
    path("organisations/new/", organisations.organisation_edit, name="organisation-new"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation"),
    path("organisations/<int:pk>/edit/", organisations.organisation_edit, name="organisation-edit"),
    path("businesses/import/", businesses.business_import, name="business-import"),
    path("contacts/", contacts.contact_list, name="contacts"),
    path("contacts/new/", contacts.contact_edit, name="contact-new"),
    path("contacts/<int:pk>/", contacts.contact_detail, name="contact"),
    path("contacts/<int:pk>/edit/", contacts.contact_edit, name="contact-edit"),
    path("contacts/<int:pk>/erase/", contacts.contact_erase, name="contact-erase"),
    path("contacts/<int:pk>/merge/", transfer.contact_merge, name="contact-merge"),
    path("contacts/<int:pk>/affiliations/", contacts.affiliation_add, name="affiliation-add"),
    path("contacts/<int:pk>/relationships/", contacts.relationship_add, name="relationship-add"),
    path("imports/", transfer.import_list, name="imports"),
    path("imports/<int:pk>/", transfer.import_detail, name="import"),
    path("export/<str:kind>.<str:fmt>", transfer.export, name="export"),
    path("interactions/new/", work.interaction_new, name="interaction-new"),
    path("commitments/", work.commitment_list, name="commitments"),
    path("commitments/<int:pk>/close/", work.commitment_close, name="commitment-close"),
    path("notes/", work.note_list, name="notes"),
    path("notes/new/", work.note_edit, name="note-new"),
    path("notes/<int:pk>/", work.note_detail, name="note"),
    path("notes/<int:pk>/edit/", work.note_edit, name="note-edit"),
    path("districts/<str:code>/", work.district_timeline, name="district"),
    path("handover/", handover.handover_list, name="handovers"),
    path("handover/<int:pk>/", handover.handover_dossier, name="handover"),
    path("handover/<int:pk>/pdf/", handover.handover_dossier_pdf, name="handover-pdf"),
]
