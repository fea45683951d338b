import json
from tests.factories import *
def test_smoke(gql, journal):
    p = PersonFactory(email_is_public=True)
    rc = ReusableContentFactory()
    issue = SpecialIssuePageFactory(parent=journal, title="Exosomes", slug="exo", body=[
        ("topic_list", {"heading": "Topics", "lead_in": "Include:", "items": ["a", "b"], "not_limited_to": True}),
        ("paragraph", "<p>Hello</p>"),
        ("call_to_action", {"heading": "H", "text": "T", "button_label": "B", "url": "https://e.org"}),
        ("quote", {"quote": "Q", "attribution": "A"}),
        ("reusable_content", {"content": rc}),
    ])
    GuestEditorFactory(page=issue, person=p)
    DeadlineFactory(page=issue)
    issue = publish(issue)
    print(issue.revisions.count(), issue.deadlines.count())
    s, body = gql('{ specialIssue(slug: "exo") { title status topics guestEditors { role person { name email } } body { blockType ... on TopicListBlock { heading leadIn items notLimitedTo } ... on CallToActionBlock { heading text buttonLabel url } ... on QuoteBlock { quote attribution } ... on ReusableContentBlock { content { name heading } } ... on RichTextBlock { value } } } }')
    print(s, json.dumps(body, indent=1))
    s, body = gql('{ specialIssues(journal: "cdr", status: OPEN, order: DEADLINE_ASC, limit: 10, offset: 0) { total limit offset hasNextPage items { slug } } }')
    print(s, body)
    assert 0
