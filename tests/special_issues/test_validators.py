"""ISSN, ORCID iD and DOI: what editors may type, what they are told, what is stored."""

import pytest
from django.core.exceptions import ValidationError

from special_issues.models import Person
from special_issues.validators import (
    normalize_doi,
    normalize_issn,
    normalize_orcid,
    validate_doi,
    validate_issn,
    validate_orcid,
)
from tests.factories import JournalPageFactory, PersonFactory, PublishedArticleFactory


def error_text(validator, value: str) -> str:
    """The message an editor sees when ``validator`` rejects ``value``."""
    with pytest.raises(ValidationError) as caught:
        validator(value)
    return " ".join(caught.value.messages)


# --- ISSN ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("2578-532X", id="cancer-drug-resistance-check-X"),
        pytest.param("0317-8471", id="leading-zero"),
        pytest.param("1050-124X", id="another-check-X"),
        pytest.param("2578-532x", id="lower-case-x"),
        pytest.param("2578532X", id="without-hyphen"),
    ],
)
def test_real_issns_are_accepted(value):
    validate_issn(value)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("2578-5321", id="wrong-check-digit"),
        pytest.param("0317-8470", id="wrong-check-digit-2"),
        pytest.param("2578-532", id="too-short"),
        pytest.param("2578-532X1", id="too-long"),
        pytest.param("ABCD-EFGH", id="letters"),
        pytest.param("", id="empty"),
    ],
)
def test_invalid_issn_message_names_the_value_and_shows_a_valid_one(value):
    message = error_text(validate_issn, value)

    assert f"“{value}”" in message
    assert "2578-532X" in message


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        pytest.param("2578-532x", "2578-532X", id="upper-cases-check-x"),
        pytest.param("2578532X", "2578-532X", id="adds-hyphen"),
        pytest.param(" 0317-8471 ", "0317-8471", id="strips-spaces"),
    ],
)
def test_normalize_issn(typed, stored):
    assert normalize_issn(typed) == stored


# --- ORCID iD -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("0000-0002-1825-0097", id="josiah-carberry"),
        pytest.param("0000-0001-5109-3700", id="check-digit-0"),
        pytest.param("0000-0002-1694-233X", id="check-X"),
        pytest.param("0000-0002-1694-233x", id="check-lower-x"),
        pytest.param("https://orcid.org/0000-0002-1825-0097", id="https-link"),
        pytest.param("orcid.org/0000-0002-1825-0097", id="link-without-scheme"),
    ],
)
def test_real_orcids_are_accepted(value):
    validate_orcid(value)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("0000-0002-1825-0098", id="wrong-check-digit"),
        pytest.param("0000-0002-1825-009", id="too-short"),
        pytest.param("0000-0002-1825-00971", id="too-long"),
        pytest.param("0000-000A-1825-0097", id="letters"),
        pytest.param("https://orcid.org/0000-0002-1825", id="truncated-link"),
        pytest.param("", id="empty"),
    ],
)
def test_invalid_orcid_message_names_the_value_and_shows_a_valid_one(value):
    message = error_text(validate_orcid, value)

    assert f"“{value}”" in message
    assert "0000-0002-1825-0097" in message


def test_orcid_with_wrong_check_digit_is_rejected_as_not_real():
    message = error_text(validate_orcid, "0000-0002-1825-0098")

    assert "“0000-0002-1825-0098”" in message
    assert "check digit" in message


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        pytest.param("https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097", id="https"),
        pytest.param("http://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097", id="http"),
        pytest.param("0000-0002-1694-233x", "0000-0002-1694-233X", id="upper-cases-x"),
        pytest.param(" 0000-0001-5109-3700 ", "0000-0001-5109-3700", id="strips-spaces"),
    ],
)
def test_normalize_orcid(typed, stored):
    assert normalize_orcid(typed) == stored


# --- DOI ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("10.20517/cdr.2022.01", id="bare"),
        pytest.param("https://doi.org/10.1000/182", id="https-link"),
        pytest.param("doi:10.1038/nphys1170", id="doi-scheme"),
        pytest.param("https://dx.doi.org/10.1038/nphys1170", id="dx-link"),
    ],
)
def test_real_dois_are_accepted(value):
    validate_doi(value)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("10.1/x", id="registrant-too-short"),
        pytest.param("cdr.2022.01", id="no-prefix"),
        pytest.param("10.20517/", id="no-suffix"),
        pytest.param("10.20517/cdr 2022", id="space-in-suffix"),
        pytest.param("", id="empty"),
    ],
)
def test_invalid_doi_message_names_the_value_and_shows_a_valid_one(value):
    message = error_text(validate_doi, value)

    assert f"“{value}”" in message
    assert "10.20517/cdr.2022.01" in message


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        pytest.param("https://doi.org/10.1000/182", "10.1000/182", id="https"),
        pytest.param("doi:10.1038/nphys1170", "10.1038/nphys1170", id="doi-scheme"),
        pytest.param("DOI:10.1038/nphys1170", "10.1038/nphys1170", id="upper-case-scheme"),
        pytest.param("10.20517/cdr.2022.01", "10.20517/cdr.2022.01", id="already-bare"),
    ],
)
def test_normalize_doi(typed, stored):
    assert normalize_doi(typed) == stored


# --- on the models ------------------------------------------------------------------


@pytest.mark.django_db
def test_person_with_bad_orcid_is_refused_on_the_orcid_field():
    person = PersonFactory.build(orcid="0000-0002-1825-0098")

    with pytest.raises(ValidationError) as caught:
        person.full_clean()

    assert list(caught.value.message_dict) == ["orcid"]
    assert "0000-0002-1825-0098" in caught.value.message_dict["orcid"][0]


@pytest.mark.django_db
def test_person_orcid_link_is_stored_as_the_bare_id():
    person = PersonFactory.build(orcid="https://orcid.org/0000-0002-1694-233x")

    person.full_clean()
    person.save()

    assert Person.objects.get(pk=person.pk).orcid == "0000-0002-1694-233X"


@pytest.mark.django_db
def test_journal_with_bad_issn_is_refused_on_issn_online():
    journal = JournalPageFactory()
    journal.issn_online = "2578-5321"

    with pytest.raises(ValidationError) as caught:
        journal.full_clean()

    assert list(caught.value.message_dict) == ["issn_online"]
    assert "2578-5321" in caught.value.message_dict["issn_online"][0]


@pytest.mark.django_db
def test_journal_issn_typed_lower_case_is_stored_upper_case():
    journal = JournalPageFactory()
    journal.issn_online = "2578-532x"
    journal.issn_print = "1050124x"

    journal.full_clean()
    journal.save()
    journal.refresh_from_db()

    assert (journal.issn_online, journal.issn_print) == ("2578-532X", "1050-124X")


@pytest.mark.django_db
def test_article_doi_link_is_stored_as_the_bare_doi():
    article = PublishedArticleFactory(doi="https://doi.org/10.1000/182")

    article.full_clean()
    article.save()
    article.refresh_from_db()

    assert article.doi == "10.1000/182"
    assert article.doi_url == "https://doi.org/10.1000/182"


@pytest.mark.django_db
def test_article_with_bad_doi_is_refused_on_the_doi_field():
    article = PublishedArticleFactory(doi="cdr.2022.01")

    with pytest.raises(ValidationError) as caught:
        article.full_clean()

    assert list(caught.value.message_dict) == ["doi"]
