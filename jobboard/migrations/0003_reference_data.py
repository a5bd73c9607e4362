"""The job board's reference data: the lists of the posting wizard (functions, fields,
regions, cities, interests), the packages sold in its shop (the targeted send among them), and
the regulator's starting list of free-mail domains. The regulator edits them afterwards."""

from django.db import migrations

FUNCTIONS = [
    ("engineer", "Ingénieur·e", "Engineer"),
    ("project-engineer", "Ingénieur·e de projet", "Project engineer"),
    ("senior-engineer", "Ingénieur·e principal·e", "Senior engineer"),
    ("manager", "Gestionnaire, direction", "Manager, director"),
    ("researcher", "Recherche et développement", "Research and development"),
    ("professor", "Enseignement", "Teaching"),
    ("consultant", "Consultant·e", "Consultant"),
    ("sales", "Ventes techniques", "Technical sales"),
]
FIELDS = [
    ("aerospace", "Aérospatial", "Aerospace"),
    ("agricultural", "Agricole", "Agricultural"),
    ("biomedical", "Biomédical", "Biomedical"),
    ("chemical", "Chimique", "Chemical"),
    ("civil", "Civil", "Civil"),
    ("computer", "Informatique", "Computer"),
    ("electrical", "Électrique", "Electrical"),
    ("environmental", "Environnement", "Environmental"),
    ("forestry", "Forestier", "Forestry"),
    ("geological", "Géologique", "Geological"),
    ("industrial", "Industriel", "Industrial"),
    ("materials", "Matériaux", "Materials"),
    ("mechanical", "Mécanique", "Mechanical"),
    ("metallurgical", "Métallurgique", "Metallurgical"),
    ("mining", "Mines", "Mining"),
    ("physics", "Physique", "Engineering physics"),
    ("software", "Logiciel", "Software"),
    ("water", "Eaux", "Water resources"),
]
REGIONS = [
    ("bas-saint-laurent", "Bas-Saint-Laurent"),
    ("saguenay-lac-saint-jean", "Saguenay–Lac-Saint-Jean"),
    ("capitale-nationale", "Capitale-Nationale"),
    ("mauricie", "Mauricie"),
    ("estrie", "Estrie"),
    ("montreal", "Montréal"),
    ("outaouais", "Outaouais"),
    ("abitibi-temiscamingue", "Abitibi-Témiscamingue"),
    ("cote-nord", "Côte-Nord"),
    ("nord-du-quebec", "Nord-du-Québec"),
    ("gaspesie", "Gaspésie–Îles-de-la-Madeleine"),
    ("chaudiere-appalaches", "Chaudière-Appalaches"),
    ("laval", "Laval"),
    ("lanaudiere", "Lanaudière"),
    ("laurentides", "Laurentides"),
    ("monteregie", "Montérégie"),
    ("centre-du-quebec", "Centre-du-Québec"),
]
CITIES = [
    ("montreal", "Montréal"),
    ("quebec", "Québec"),
    ("laval", "Laval"),
    ("gatineau", "Gatineau"),
    ("longueuil", "Longueuil"),
    ("sherbrooke", "Sherbrooke"),
    ("saguenay", "Saguenay"),
    ("levis", "Lévis"),
    ("trois-rivieres", "Trois-Rivières"),
    ("terrebonne", "Terrebonne"),
    ("rimouski", "Rimouski"),
    ("sept-iles", "Sept-Îles"),
    ("rouyn-noranda", "Rouyn-Noranda"),
]
INTERESTS = [
    ("design", "Conception", "Design"),
    ("construction", "Construction et chantiers", "Construction and sites"),
    ("operations", "Exploitation et maintenance", "Operations and maintenance"),
    ("project-management", "Gestion de projets", "Project management"),
    ("quality", "Qualité et normes", "Quality and standards"),
    ("research", "Recherche", "Research"),
    ("sustainability", "Développement durable", "Sustainability"),
    ("automation", "Automatisation", "Automation"),
    ("energy", "Énergie", "Energy"),
    ("transport", "Transport", "Transportation"),
]
# code, French, English, price (cents), max quantity in one order
PRODUCTS = [
    ("jobboard-engineer-1", "Forfait 1 offre d'emploi ing.", "1 engineer posting", 39500),
    ("jobboard-engineer-5", "Forfait 5 offres d'emploi ing.", "5 engineer postings", 177500),
    ("jobboard-engineer-10", "Forfait 10 offres d'emploi ing.", "10 engineer postings", 335000),
    ("jobboard-engineer-20", "Forfait 20 offres d'emploi ing.", "20 engineer postings", 630000),
    ("jobboard-cpi-1", "Forfait 1 offre d'emploi CPI", "1 CPI posting", 19500),
    ("jobboard-featured", "Offre d'emploi en vedette (7 jours)", "Featured posting (7 days)", 15000),
    ("jobboard-extension", "Extension de 7 jours", "7-day extension", 20000),
]


def load(apps, schema_editor):
    ReferenceItem = apps.get_model("jobboard", "ReferenceItem")
    Product = apps.get_model("billing", "Product")
    rows = []
    for kind, items in (("function", FUNCTIONS), ("field", FIELDS), ("interest", INTERESTS)):
        rows += [
            ReferenceItem(kind=kind, code=c, name_fr=fr, name_en=en, order=i)
            for i, (c, fr, en) in enumerate(items)
        ]
    for kind, items in (("region", REGIONS), ("city", CITIES)):
        rows += [
            ReferenceItem(kind=kind, code=c, name_fr=n, name_en=n, order=i)
            for i, (c, n) in enumerate(items)
        ]
    ReferenceItem.objects.bulk_create(rows, ignore_conflicts=True)
    for code, fr, en, price in PRODUCTS:
        Product.objects.get_or_create(
            code=code,
            defaults={
                "service": "jobboard",
                "name_fr": fr,
                "name_en": en,
                "unit_price_cents": price,
                "min_quantity": 1,
                "max_quantity": 20,
                "hook": "jobboard.add_credits",
            },
        )


FREE_MAIL_DOMAINS = [
    "aol.com",
    "bell.net",
    "gmail.com",
    "gmx.com",
    "googlemail.com",
    "hotmail.ca",
    "hotmail.com",
    "hotmail.fr",
    "icloud.com",
    "live.ca",
    "live.com",
    "mail.com",
    "me.com",
    "msn.com",
    "outlook.com",
    "outlook.fr",
    "proton.me",
    "protonmail.com",
    "sympatico.ca",
    "videotron.ca",
    "yahoo.ca",
    "yahoo.com",
    "yahoo.fr",
    "ymail.com",
]


def load_domains(apps, schema_editor):
    FreeMailDomain = apps.get_model("jobboard", "FreeMailDomain")
    for domain in FREE_MAIL_DOMAINS:
        FreeMailDomain.objects.get_or_create(domain=domain)


def targeted_product(apps, schema_editor):
    # The same as jobboard.boosts.services.TARGETED_PRODUCT_DEFAULTS (the price is fixed per send).
    apps.get_model("billing", "Product").objects.get_or_create(
        code="jobboard-targeted",
        defaults={
            "service": "jobboard",
            "name_fr": "Envoi personnalisé",
            "name_en": "Targeted send",
            "unit_price_cents": 30000,
            "min_quantity": 1,
            "max_quantity": 1,
            "hook": "jobboard.targeted_send",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("jobboard", "0002_search_columns"), ("billing", "0002_tax_rates")]
    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(targeted_product, migrations.RunPython.noop),
        migrations.RunPython(load_domains, migrations.RunPython.noop),
    ]
