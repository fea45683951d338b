"""The demo content ``manage.py load_demo`` creates, as plain Python data.

Two journals with their special issues, the people who edit them, and two reusable
marketing snippets. An editor opening the admin after loading it sees one issue copied
fact for fact from a real call for papers (Cancer Drug Resistance, “Extracellular
Vesicles: Emerging Modulators of Cancer Drug Resistance”) beside fictional issues in
every status: open, closing soon, upcoming, closed and completed.

Conventions the loader relies on:

* A date is either a ``datetime.date`` (fixed, as on the seed page) or an ``int``: a
  number of days from the day the demo is loaded, so the statuses stay varied whenever
  it is run (the status of a call is derived from its dates, never stored).
* People, journals' default contacts, guest editors and issue contacts refer to a
  person by ``name``; a ``reusable_content`` block refers to a snippet by ``name``.
* Real people (the seed's guest editors and contact) have no ORCID iD here: we do not
  invent identifiers for real researchers. Fictional people have made-up ORCID iDs with
  a valid check digit, and their e-mail addresses use the reserved example.org domain.
* Fictional articles use the DOI prefix 10.5555, which Crossref keeps for tests and
  examples, so no demo DOI points at somebody's real paper.

The module is long because it is data (the seed issue's text is quoted in full); the
logic lives in the command.
"""

import datetime as dt

from special_issues.status import ANYWHERE_ON_EARTH

__all__ = ["JOURNALS", "PEOPLE", "REUSABLE_CONTENT", "SEED_ISSUE_SLUG", "SEED_JOURNAL_SLUG"]

SEED_JOURNAL_SLUG = "cancer-drug-resistance"
SEED_ISSUE_SLUG = "extracellular-vesicles-cancer-drug-resistance"

APC_WAIVER = "APC waiver for special issue papers"
OPEN_ACCESS_NOTICE = "Open access notice"

CDR_SUBMISSION_URL = "https://oaemesas.com/login?JournalId=cdr"

# --- people -------------------------------------------------------------------------

PEOPLE: list[dict] = [
    # The seed page's guest editors and contact (real people: no ORCID iD, no bio).
    {
        "honorific": "Dr.",
        "name": "William C. S. Cho",
        "department": "Department of Clinical Oncology",
        # The seed page shows the abbreviation; keep what readers of the page see.
        "institution": "QEH",
        "country": "Hong Kong SAR, China",
        "website": "https://www3.ha.org.hk/qeh/",
        "email": "chocs@ha.org.hk",
        "email_is_public": True,
    },
    {
        "honorific": "Prof.",
        "name": "Kenneth K. W. To",
        "department": "School of Pharmacy, Faculty of Medicine",
        "institution": "The Chinese University of Hong Kong",
        "country": "Hong Kong SAR, China",
        "website": "https://www.pharmacy.cuhk.edu.hk/",
        "email": "kennethto@cuhk.edu.hk",
        "email_is_public": True,
    },
    {
        "name": "Lori Kang",
        "department": "Editorial Office, Cancer Drug Resistance",
        "institution": "OAE Publishing Inc.",
        "email": "lori.kang@oaepublish.com",
        "email_is_public": True,
    },
    # Fictional people: they guest-edit several issues, across both journals.
    {
        "honorific": "Prof. Dr.",
        "name": "Annika Lindqvist",
        "department": "Department of Oncology and Pathology",
        "institution": "Nordvik University Hospital",
        "city": "Uppsala",
        "country": "Sweden",
        "website": "https://nordvik-hospital.example.org/research/lindqvist-lab",
        "email": "annika.lindqvist@nordvik-hospital.example.org",
        "email_is_public": True,
        "orcid": "0000-0003-1946-8159",
        "bio": (
            "Annika Lindqvist leads the translational oncology group at Nordvik University "
            "Hospital. Her laboratory develops blood-based assays that follow how tumours "
            "adapt to targeted therapy, and she coordinates a Nordic liquid biopsy network."
        ),
        "research_interests": (
            "Liquid biopsy\nCirculating tumour DNA\nAcquired resistance to kinase inhibitors"
        ),
    },
    {
        "honorific": "Dr.",
        "name": "Rafael Moreno-Ortiz",
        "department": "Translational Pharmacology Unit",
        "institution": "Levante Institute for Cancer Research",
        "city": "Valencia",
        "country": "Spain",
        "email": "r.moreno-ortiz@levante-cancer.example.org",
        # Dr. Moreno-Ortiz prefers authors to write to the editorial office.
        "email_is_public": False,
        "orcid": "0000-0002-9437-1122",
        "research_interests": (
            "ABC transporters\nMultidrug resistance\nDrug–drug interactions in oncology"
        ),
    },
    {
        "honorific": "Dr.",
        "name": "Mei-Ling Chen",
        "department": "Institute of Molecular Medicine",
        "institution": "Formosa Biomedical Research Centre",
        "city": "Taipei",
        "country": "Taiwan",
        "email": "mlchen@formosa-biomed.example.org",
        "email_is_public": True,
        "orcid": "0000-0001-5568-4372",
        "bio": (
            "Mei-Ling Chen studies how long non-coding RNAs and microRNAs rewire drug "
            "response in lung and colorectal cancers, and how they can be read out in "
            "patients' blood."
        ),
        "research_interests": "Non-coding RNAs\nChemoresistance\nRNA biomarkers",
    },
    {
        "honorific": "Dr.",
        "name": "Oluwaseun Adeyemi",
        "department": "Centre for Organoid Medicine",
        "institution": "Lagos Institute of Biomedical Research",
        "city": "Lagos",
        "country": "Nigeria",
        "email": "o.adeyemi@libr.example.org",
        "email_is_public": False,
        "orcid": "0000-0003-4029-881X",
        "bio": (
            "Oluwaseun Adeyemi builds patient-derived organoid biobanks and uses them to "
            "test whether drug screens in the dish predict response in the clinic."
        ),
    },
    {
        "honorific": "Dr.",
        "name": "Tomasz Wiśniewski",
        "department": "Department of Experimental Pharmacology",
        "institution": "Vistula Institute of Oncology",
        "city": "Kraków",
        "country": "Poland",
        "email": "t.wisniewski@vistula-oncology.example.org",
        "email_is_public": True,
        "orcid": "0000-0002-7783-4068",
        "research_interests": (
            "Preclinical study design\nPharmacokinetics\nSpatial transcriptomics"
        ),
    },
    {
        "name": "Hannah Okafor",
        "department": "Editorial Office",
        "institution": "Northbridge Scientific Press",
        "email": "jtom-editorial@northbridge-press.example.org",
        "email_is_public": True,
    },
]

# --- reusable marketing content -----------------------------------------------------

REUSABLE_CONTENT: list[dict] = [
    {
        "name": APC_WAIVER,
        "kind": "CALL_TO_ACTION",
        "heading": "Publish in this special issue without an article processing charge",
        "body": (
            "<p>Papers submitted to this special issue and accepted before its deadline "
            "qualify for a <b>full waiver of the article processing charge</b>. "
            "Mention the special issue in your cover letter.</p>"
        ),
        "button_label": "Submit your manuscript",
        "button_url": CDR_SUBMISSION_URL,
    },
    {
        "name": OPEN_ACCESS_NOTICE,
        "kind": "BOILERPLATE",
        "heading": "Open access",
        "body": (
            "<p>All articles in this special issue are published open access under the "
            "Creative Commons Attribution 4.0 International License (CC BY 4.0), which "
            "permits use, sharing and reproduction in any medium, provided the original "
            "work is properly cited.</p>"
        ),
    },
]


def _reusable(name: str) -> tuple[str, dict]:
    return ("reusable_content", {"content": name})


# --- the seed issue, fact for fact -------------------------------------------------

SEED_ISSUE: dict = {
    "title": "Extracellular Vesicles: Emerging Modulators of Cancer Drug Resistance",
    "slug": SEED_ISSUE_SLUG,
    "deadlines": [
        {"kind": "FULL_MANUSCRIPT", "date": dt.date(2022, 12, 31), "time_zone": ANYWHERE_ON_EARTH}
    ],
    "guest_editors": [
        ("William C. S. Cho", "LEAD_GUEST_EDITOR"),
        ("Kenneth K. W. To", "GUEST_EDITOR"),
    ],
    "introduction": (
        "<p>Exosomes are nano-sized extracellular vesicles with endosomal origin. They are "
        "secreted from diverse cell types upon the fusion of multivesicular bodies with the "
        "plasma membrane. Exosomes facilitate intercellular communication by transferring "
        "mRNAs, non-coding RNAs and proteins from donor to recipient cells. Accumulating "
        "evidence indicates that the molecules incorporated in exosomes are biologically "
        "active when taken up by the recipient cells and they play a major role in many "
        "cellular processes.</p>"
        "<p>Tumor-derived exosomes have been shown to mediate the intercellular transfer of "
        "pro-tumorigenic factors into the tumor microenvironment. They promote proliferation, "
        "angiogenesis and invasion in the recipient cells to support cancer survival and a "
        "metastatic phenotype. Importantly, drug-sensitive cancer cells could acquire drug "
        "resistance after taking up exosomes secreted from drug-resistant cancer cells. "
        "Exosomes were also shown to mediate immunosuppression, thereby affecting the "
        "efficacy of cancer immunotherapy. On the other hand, the potential use of exosomes "
        "as a diagnostic and prognostic tool in various cancers has been proposed. "
        "Interestingly, with the intercellular communication property, exosomes have also "
        "been exploited as novel drug delivery systems to target drug-resistant cancer "
        "cells.</p>"
        "<p>This special issue aims to compile a collection of updated research, review and "
        "expert opinion articles about the emerging role of cancer exosomes on cancer drug "
        "resistance. The aberrant biogenesis of exosomes in resistant-cancer cells, their "
        "prognostic significance and the utilization of exosomes as a novel drug delivery "
        "system to overcome drug resistance will be covered.</p>"
    ),
    "body": [
        (
            "topic_list",
            {
                "heading": "Topics of interest",
                # The seed page lists the topics straight after the introduction.
                "lead_in": "",
                "items": [
                    "Exosome-mediated intercellular cross-talk within the tumor microenvironment",
                    "Prognostic utility of tumor exosomes in cancer chemotherapy",
                    "Exosomes and cancer immunotherapy",
                    "Exosome as a novel drug delivery system for overcoming chemoresistance",
                    "Extracellular vesicles as potential biomarkers in cancer drug resistance",
                ],
                "not_limited_to": False,
            },
        )
    ],
    "keywords": [
        "Chemoresistance",
        "cell-to-cell communication",
        "exosome",
        "extracellular vesicle",
        "tumor microenvironment",
        "prognostic biomarkers",
    ],
    "contacts": [("Lori Kang", "Assistant Editor")],
    # The seed page lists no published articles, so the call is CLOSED.
    "articles": [],
}

# --- fictional issues of Cancer Drug Resistance --------------------------------------

LIQUID_BIOPSY_ISSUE: dict = {
    "title": "Liquid Biopsy for Tracking Acquired Resistance to Targeted Therapy",
    "slug": "liquid-biopsy-acquired-resistance",
    "opening_date": -60,
    # Open, with an abstract deadline ahead of the full-manuscript deadline.
    "deadlines": [
        {"kind": "ABSTRACT", "date": 45},
        {"kind": "FULL_MANUSCRIPT", "date": 150},
    ],
    "guest_editors": [
        ("Annika Lindqvist", "LEAD_GUEST_EDITOR"),
        ("Rafael Moreno-Ortiz", "GUEST_EDITOR"),
    ],
    "introduction": (
        "<p>Targeted therapies often control a tumour for months before resistant clones "
        "take over. Tissue biopsies rarely capture that moment: they are invasive, and one "
        "site may not show what the whole disease is doing.</p>"
        "<p>Circulating tumour DNA, circulating tumour cells and tumour-derived vesicles can "
        "be sampled repeatedly from blood. This special issue collects studies that use "
        "them to detect, explain and act on acquired resistance earlier.</p>"
    ),
    "body": [
        (
            "topic_list",
            {
                "heading": "Topics of interest",
                "lead_in": "Potential topics include:",
                "items": [
                    "Serial circulating tumour DNA monitoring during targeted therapy",
                    "Resistance mutations detected in blood before radiological progression",
                    "Circulating tumour cells and vesicles as sources of resistance markers",
                    "Analytical validation and standardisation of liquid biopsy assays",
                    "Clinical trials that switch treatment on a liquid biopsy result",
                ],
                "not_limited_to": True,
            },
        ),
        _reusable(APC_WAIVER),
        (
            "paragraph",
            {
                "text": "<h3>Article types</h3><p>We welcome original research, reviews, "
                "<i>perspectives</i> and short technical reports.</p>"
            },
        ),
    ],
    "keywords": [
        "Liquid biopsy",
        "circulating tumour DNA",
        "acquired resistance",
        "targeted therapy",
    ],
    "eligibility": (
        "<p>Send a 300-word abstract by the abstract deadline; the guest editors will invite "
        "full manuscripts.</p>"
    ),
}

NON_CODING_RNA_ISSUE: dict = {
    "title": "Non-coding RNAs as Drivers and Biomarkers of Chemoresistance",
    "slug": "non-coding-rnas-chemoresistance",
    "opening_date": -200,
    # Closes within the next month: a “last call” for the frontend to highlight.
    "deadlines": [{"kind": "FULL_MANUSCRIPT", "date": 21}],
    "guest_editors": [
        ("Mei-Ling Chen", "LEAD_GUEST_EDITOR"),
        ("Annika Lindqvist", "GUEST_EDITOR"),
    ],
    "introduction": (
        "<p>MicroRNAs, long non-coding RNAs and circular RNAs regulate drug uptake, DNA "
        "repair and cell death. Their dysregulation is a recurring theme in tumours that "
        "stop responding to chemotherapy.</p>"
        "<p>This special issue brings together mechanistic studies and biomarker work on "
        "non-coding RNAs in chemoresistance, from cell lines to patient cohorts.</p>"
    ),
    "body": [
        (
            "topic_list",
            {
                "heading": "Topics of interest",
                "lead_in": "This special issue will cover:",
                "items": [
                    "MicroRNA networks that control drug efflux and metabolism",
                    "Long non-coding RNAs in DNA damage response and repair",
                    "Circular RNAs as sponges in resistant tumours",
                    "Circulating non-coding RNAs as predictive biomarkers",
                    "RNA-targeted strategies to restore chemosensitivity",
                ],
                "not_limited_to": True,
            },
        ),
        (
            "quote",
            {
                "quote": (
                    "Non-coding RNAs are where the tumour keeps its memory of every drug it "
                    "has survived."
                ),
                "attribution": "Dr. Mei-Ling Chen, lead guest editor",
            },
        ),
        _reusable(APC_WAIVER),
    ],
    "keywords": ["Non-coding RNA", "microRNA", "lncRNA", "chemoresistance", "biomarkers"],
}

ABC_TRANSPORTER_ISSUE: dict = {
    "title": "ABC Transporters Revisited: New Strategies Against Multidrug Resistance",
    "slug": "abc-transporters-multidrug-resistance",
    # Upcoming: announced now, open for submissions in a month.
    "opening_date": 30,
    "deadlines": [{"kind": "FULL_MANUSCRIPT", "date": 240}],
    "guest_editors": [
        ("Rafael Moreno-Ortiz", "LEAD_GUEST_EDITOR"),
        ("Oluwaseun Adeyemi", "GUEST_EDITOR"),
    ],
    "introduction": (
        "<p>Forty years after P-glycoprotein was linked to multidrug resistance, no "
        "transporter inhibitor has reached routine clinical use. Structural biology, better "
        "models and new drug modalities are reopening the question.</p>"
    ),
    "body": [
        (
            "topic_list",
            {
                "heading": "Topics of interest",
                "lead_in": "Potential topics include:",
                "items": [
                    "Structures of ABCB1, ABCG2 and ABCC1 in complex with drugs",
                    "Why transporter inhibitors failed in the clinic, and what comes next",
                    "Antibody–drug conjugates and PROTACs that evade efflux",
                    "Transporters at the blood–brain barrier and brain metastases",
                ],
                "not_limited_to": True,
            },
        ),
        (
            "call_to_action",
            {
                "heading": "Planning a paper for this issue?",
                "text": (
                    "Send the editorial office a provisional title before the call opens and "
                    "the guest editors will reserve a slot for it."
                ),
                "button_label": "See the journal's special issues",
                "url": "https://www.oaepublish.com/cdr/special_issues",
            },
        ),
        _reusable(APC_WAIVER),
        _reusable(OPEN_ACCESS_NOTICE),
    ],
    "keywords": ["ABC transporters", "P-glycoprotein", "ABCG2", "multidrug resistance"],
}

# --- fictional issues of the fictional journal ---------------------------------------

ORGANOID_ISSUE: dict = {
    "title": "Patient-Derived Organoids for Predicting Drug Response",
    "slug": "organoids-drug-response",
    # No opening date: open from the day it is published.
    "deadlines": [{"kind": "FULL_MANUSCRIPT", "date": 120, "time_zone": "UTC"}],
    "section": "Preclinical Models",
    "guest_editors": [
        ("Oluwaseun Adeyemi", "LEAD_GUEST_EDITOR"),
        ("Mei-Ling Chen", "GUEST_EDITOR"),
    ],
    "introduction": (
        "<p>Organoids grown from a patient's tumour keep much of its architecture and "
        "genetics. Whether a drug screen on them predicts what happens in the clinic is "
        "the question this special issue sets out to answer.</p>"
    ),
    "body": [
        (
            "topic_list",
            {
                "heading": "Topics of interest",
                "lead_in": "We invite original research and methods papers on:",
                "items": [
                    "Co-clinical trials comparing organoid and patient response",
                    "Organoid biobanks from under-represented populations",
                    "Immune and stromal co-culture models",
                    "Standards for reporting organoid drug screens",
                ],
                "not_limited_to": True,
            },
        ),
        (
            "paragraph",
            {
                "text": "<p>Methods papers should deposit protocols in an open repository "
                "and give <b>passage numbers</b> for every model used.</p>"
            },
        ),
        (
            "call_to_action",
            {
                "heading": "Meet the guest editors",
                "text": "A one-hour online session on what makes a strong organoid paper.",
                "button_label": "Register for the webinar",
                "url": "https://jtom.example.org/webinars/organoids",
            },
        ),
        _reusable(OPEN_ACCESS_NOTICE),
    ],
    "keywords": ["Organoids", "drug screening", "precision oncology", "co-clinical trials"],
    "contacts": [("Hannah Okafor", "Managing Editor")],
}

SPATIAL_OMICS_ISSUE: dict = {
    "title": "Spatial Omics of the Tumour Microenvironment",
    "slug": "spatial-omics-tumour-microenvironment",
    "opening_date": -400,
    # Closed: the deadline has passed and nothing is published yet.
    "deadlines": [{"kind": "FULL_MANUSCRIPT", "date": -45}],
    "section": "Computational Methods",
    "guest_editors": [
        ("Annika Lindqvist", "LEAD_GUEST_EDITOR"),
        ("Tomasz Wiśniewski", "GUEST_EDITOR"),
    ],
    "introduction": (
        "<p>Spatial transcriptomics and multiplexed imaging show where resistant cells sit "
        "and which neighbours protect them. This special issue covers the methods and what "
        "they have revealed.</p>"
    ),
    "body": [
        (
            "topic_list",
            {
                "heading": "Topics of interest",
                "lead_in": "",
                "items": [
                    "Spatial transcriptomics of treated versus untreated tumours",
                    "Multiplexed imaging of immune exclusion",
                    "Computational methods for cell–cell interaction maps",
                ],
                "not_limited_to": False,
            },
        ),
        (
            "paragraph",
            {
                "text": "<p>Submissions are closed. Accepted papers will appear below as "
                "they are published.</p>"
            },
        ),
        _reusable(OPEN_ACCESS_NOTICE),
    ],
    "keywords": ["Spatial transcriptomics", "tumour microenvironment", "multiplexed imaging"],
}

REPRODUCIBILITY_ISSUE: dict = {
    "title": "Reproducibility in Preclinical Cancer Pharmacology",
    "slug": "reproducibility-preclinical-pharmacology",
    "opening_date": -700,
    # Completed: closed, with articles published.
    "deadlines": [
        {"kind": "ABSTRACT", "date": -420},
        {"kind": "FULL_MANUSCRIPT", "date": -330},
    ],
    "guest_editors": [
        ("Tomasz Wiśniewski", "LEAD_GUEST_EDITOR"),
        ("Rafael Moreno-Ortiz", "GUEST_EDITOR"),
    ],
    "introduction": (
        "<p>Too many promising anticancer compounds fail to repeat their preclinical "
        "results. This special issue looked at why, and at the study designs, statistics "
        "and reporting practices that make preclinical pharmacology more reliable.</p>"
    ),
    "body": [
        (
            "topic_list",
            {
                "heading": "Topics covered",
                "lead_in": "",
                "items": [
                    "Replication studies of published preclinical findings",
                    "Sample size, blinding and randomisation in animal studies",
                    "Reporting standards for in vitro drug sensitivity assays",
                ],
                "not_limited_to": False,
            },
        ),
        (
            "quote",
            {
                "quote": (
                    "A result that only one laboratory can reproduce is a hypothesis, not a "
                    "finding."
                ),
                "attribution": "Dr. Tomasz Wiśniewski",
            },
        ),
        ("paragraph", {"text": "<p>Thank you to every author and reviewer who took part.</p>"}),
        _reusable(OPEN_ACCESS_NOTICE),
    ],
    "keywords": ["Reproducibility", "preclinical models", "study design", "pharmacology"],
    # ``{year}`` in a DOI or URL is the publication year.
    "articles": [
        {
            "title": "Blinding and randomisation in xenograft studies: a survey of 400 papers",
            "authors": "Katarzyna Nowak\nTomasz Wiśniewski",
            "doi": "10.5555/jtom.{year}.101",
            "publication_date": -280,
        },
        {
            "title": "Replicating five kinase inhibitor synergy screens in three laboratories",
            "authors": "Lucía Serrano\nDaniel Brandt\nRafael Moreno-Ortiz",
            "doi": "10.5555/jtom.{year}.114",
            "publication_date": -240,
        },
        {
            "title": "Minimum information for reporting in vitro drug sensitivity assays",
            "authors": "Grace Mensah\nPiotr Zieliński\nSofia Marković\nTomasz Wiśniewski",
            "doi": "10.5555/jtom.{year}.127",
            "publication_date": -190,
        },
        {
            "title": "Editorial: Reproducibility in preclinical cancer pharmacology",
            "authors": "Tomasz Wiśniewski\nRafael Moreno-Ortiz",
            "doi": "10.5555/jtom.{year}.140",
            "publication_date": -150,
            "url": "https://jtom.example.org/articles/jtom.{year}.140",
        },
    ],
}

# --- journals ------------------------------------------------------------------------

JOURNALS: list[dict] = [
    {
        "title": "Cancer Drug Resistance",
        "slug": SEED_JOURNAL_SLUG,
        "issn_online": "2578-532X",
        "publisher": "OAE Publishing Inc.",
        "copyright_line": (
            "© 2016-2023 OAE Publishing Inc., except certain content provided by third parties"
        ),
        "author_instructions_url": "https://www.oaepublish.com/cdr/author_instructions",
        "online_submission_url": CDR_SUBMISSION_URL,
        "default_contact": "Lori Kang",
        "default_contact_role": "Assistant Editor",
        "hot_keywords": [
            "Drug Resistance Mechanisms",
            "Epigenetic Resistance in Cancer Therapy",
            "Biomarkers",
            "Pharmacogenetics of Cancer",
            "Liquid Biopsy",
            "Targeted Cancer Therapy",
            "Non-coding RNAs",
            "Kinase Inhibitors",
            "ABC Transporters",
        ],
        "issues": [SEED_ISSUE, LIQUID_BIOPSY_ISSUE, NON_CODING_RNA_ISSUE, ABC_TRANSPORTER_ISSUE],
    },
    {
        "title": "Journal of Translational Oncology Methods",
        "slug": "journal-of-translational-oncology-methods",
        "issn_print": "2835-0103",
        "issn_online": "2835-0170",
        "publisher": "Northbridge Scientific Press",
        "copyright_line": (
            "© Northbridge Scientific Press. Articles are published under CC BY 4.0 "
            "unless stated otherwise."
        ),
        "author_instructions_url": "https://jtom.example.org/for-authors",
        "online_submission_url": "https://submit.jtom.example.org/",
        "default_contact": "Hannah Okafor",
        "default_contact_role": "Managing Editor",
        "min_published_articles": 4,
        "hot_keywords": ["Organoids", "Spatial Transcriptomics", "Reproducibility"],
        "sections": ["Preclinical Models", "Computational Methods"],
        "issues": [ORGANOID_ISSUE, SPATIAL_OMICS_ISSUE, REPRODUCIBILITY_ISSUE],
    },
]
