"""The casework registries: providers and service points, clients (registration steps,
consent, duplicates), employers and their yearly forms, the access log and the ministry's
desk. Never imports casework.plans: the plans part registers hooks here instead."""
