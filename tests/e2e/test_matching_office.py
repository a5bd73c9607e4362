"""The accreditation office in a real browser: a malformed registry file is refused with its
line numbers and nothing imported; a good one is imported with a report; the reference table."""

import pytest

from credentials.models import RegistryRecord
from tests.e2e.conftest import check_accessibility
from tests.e2e.test_matching_journeys import sign_in
from tests.factories import UserFactory
from tests.matching.reference_data import ensure_reference_data

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = "operator_id,name,number,type,class,status,expiry,snapshot_date\n"
GOOD = "12345678,Ann Lee,DW-1,drinking-water-certificate,II,valid,2028-01-31,2026-11-01\n"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_registry_import_and_reference_table(browser, live_server, tmp_path, lang):
    ensure_reference_data()
    officer = UserFactory(staff_role="accreditation_office", language=lang)
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + GOOD + "1234,Bo,WW-2,wastewater-licence,IX,valid,2028-01-31,x\n")
    good = tmp_path / "good.csv"
    good.write_text(HEADER + GOOD)
    page = sign_in(browser, live_server, officer, lang)
    page.goto(f"/{lang}/matching/")
    check_accessibility(page, f"matching-{lang}-office-1-home")
    page.goto(f"/{lang}/credentials/registry/import/")
    check_accessibility(page, f"matching-{lang}-office-2-import")
    page.locator("input[type=file]").set_input_files(str(bad))
    page.locator("main form button[type=submit]").click()
    page.get_by_test_id("import-errors").wait_for()
    assert "3" in page.get_by_test_id("import-errors").inner_text()
    check_accessibility(page, f"matching-{lang}-office-3-import-refused")
    assert not RegistryRecord.objects.exists()
    page.locator("input[type=file]").set_input_files(str(good))
    page.locator("main form button[type=submit]").click()
    page.get_by_test_id("import-report").wait_for()
    check_accessibility(page, f"matching-{lang}-office-4-import-report")
    assert RegistryRecord.objects.count() == 1
    page.goto(f"/{lang}/credentials/reference/")
    check_accessibility(page, f"matching-{lang}-office-5-reference")
