PUBLIC = {
    "credentials:registry_upload": "accreditation office staff only (403 for everyone else)",
    "credentials:reference_list": "accreditation office staff only; public reference data",
    "credentials:reference_type_edit": "accreditation office staff only",
    "credentials:reference_class_new": "accreditation office staff only",
    "credentials:reference_class_edit": "accreditation office staff only",
}


def cases(world) -> list:
    return []
