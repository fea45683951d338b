"""Validators for the identifiers editors type: ISSN, ORCID iD and DOI.

Each validator accepts the forms editors paste (with or without the resolver URL) and
raises a ``ValidationError`` whose message says what is wrong and what a valid value
looks like. The ``normalize_*`` helpers return the canonical stored form.
"""

import re

from django.core.exceptions import ValidationError
from stdnum import issn as stdnum_issn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.iso7064 import mod_11_2

ORCID_PREFIXES = ("https://orcid.org/", "http://orcid.org/", "orcid.org/")
DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:")
# Crossref's recommended pattern for modern DOIs: "10." + registrant code + "/" + suffix.
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
ORCID_PATTERN = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


def _strip_prefix(value: str, prefixes: tuple[str, ...]) -> str:
    value = value.strip()
    lowered = value.lower()
    for prefix in prefixes:
        if lowered.startswith(prefix):
            return value[len(prefix) :]
    return value


def normalize_issn(value: str) -> str:
    """Return an ISSN as ``NNNN-NNNC`` (upper-case check character)."""
    return stdnum_issn.format(stdnum_issn.compact(value or ""))


def validate_issn(value: str) -> None:
    """Reject an ISSN whose form or check digit is wrong (e.g. ``2578-532X`` is valid)."""
    try:
        stdnum_issn.validate(value or "")
    except StdnumError as error:
        raise ValidationError(
            "“%(value)s” is not a valid ISSN: %(reason)s. An ISSN looks like 2578-532X.",
            code="invalid_issn",
            params={"value": value, "reason": str(error).rstrip(".").lower()},
        ) from error


def normalize_orcid(value: str) -> str:
    """Return an ORCID iD as ``0000-0002-1825-0097`` (no URL, upper-case X)."""
    return _strip_prefix(value or "", ORCID_PREFIXES).upper()


def validate_orcid(value: str) -> None:
    """Reject an ORCID iD whose form or ISO 7064 MOD 11-2 check digit is wrong."""
    compact = normalize_orcid(value)
    if not ORCID_PATTERN.match(compact):
        raise ValidationError(
            "“%(value)s” is not an ORCID iD. Write it as 0000-0002-1825-0097 "
            "or https://orcid.org/0000-0002-1825-0097.",
            code="invalid_orcid",
            params={"value": value},
        )
    if not mod_11_2.is_valid(compact.replace("-", "")):
        raise ValidationError(
            "“%(value)s” has a wrong check digit: it is not a real ORCID iD. "
            "Copy it from the person's ORCID record (it looks like 0000-0002-1825-0097).",
            code="invalid_orcid_checksum",
            params={"value": value},
        )


def normalize_doi(value: str) -> str:
    """Return a DOI without resolver prefix (``10.20517/cdr.2022.01``)."""
    return _strip_prefix(value or "", DOI_PREFIXES)


def validate_doi(value: str) -> None:
    """Reject a value that is not a DOI (``10.<registrant>/<suffix>``)."""
    if not DOI_PATTERN.match(normalize_doi(value)):
        raise ValidationError(
            "“%(value)s” is not a DOI. A DOI looks like 10.20517/cdr.2022.01 "
            "(a https://doi.org/ link is accepted too).",
            code="invalid_doi",
            params={"value": value},
        )
