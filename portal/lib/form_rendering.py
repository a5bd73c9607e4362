"""How django-bootstrap5 renders fields here: errors in red, but never the green "valid"
look on fields that were simply sent (a search form after a search is not "validated")."""

from django_bootstrap5.renderers import FieldRenderer


class PortalFieldRenderer(FieldRenderer):
    def get_server_side_validation_classes(self):
        return "is-invalid" if self.field_errors else ""
