PUBLIC = {
    "credentials:registry_upload": "accreditation office staff only (403 for everyone else)",
}


def cases(world) -> list:
    return []
