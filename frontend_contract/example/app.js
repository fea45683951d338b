/*
 * Example consumer of the Special Issues GraphQL API: renders one special issue page.
 *
 * Plain browser JavaScript, no build step, no dependencies. It shows what a real frontend
 * has to do with the contract in frontend_contract/: POST the IssuePage operation as JSON,
 * render the data, show errors by their extensions.code, embed structuredData as JSON-LD.
 *
 * Query string: ?slug=<issue slug> (default: the seed issue), ?journal=<journal slug>,
 * ?endpoint=<GraphQL URL> (default: /graphql/ on this host; another host must allow CORS).
 *
 * Text from the API is always inserted with textContent (via el() below). Rich text html
 * is the one exception; the API sanitises it, and richText() below still keeps only an
 * allow-list of tags and URL schemes, because ?endpoint= lets anyone choose the server.
 */
"use strict";

const DEFAULT_ENDPOINT = "/graphql/";
const SEED_SLUG = "extracellular-vesicles-cancer-drug-resistance";

// This mirrors frontend_contract/operations/IssuePage.graphql plus the fragments it uses
// from frontend_contract/operations/fragments.graphql (PersonSummary, IssueFull).
// Keep it identical: tests/browser/test_example_consumer.py compares the two.
const ISSUE_PAGE_QUERY = /* GraphQL */ `
query IssuePage($slug: String!, $journal: String) {
  specialIssue(slug: $slug, journal: $journal) {
    ...IssueFull
  }
}

fragment PersonSummary on Person {
  id
  displayName
  honorific
  name
  affiliation
  department
  institution
  city
  country
  website
  email
  orcid
  orcidUrl
}

fragment IssueFull on SpecialIssuePage {
  title
  slug
  frontendUrl
  searchDescription
  status
  openingDate
  submissionDeadline
  deadlines {
    kind
    label
    date
    timeZone
    closesAt
  }
  journal {
    title
    slug
    frontendUrl
    issnOnline
    issnPrint
    publisher
    hotKeywords
    copyright
  }
  section {
    name
  }
  coverImage {
    url
    width
    height
    alt
    srcSet
  }
  guestEditors {
    role
    person {
      ...PersonSummary
    }
  }
  introduction {
    html
    plainText
  }
  topics
  keywords
  eligibility {
    html
    plainText
  }
  contacts {
    role
    person {
      displayName
      name
      email
    }
  }
  publishedArticles {
    title
    authors
    doi
    doiUrl
    publicationDate
    url
  }
  submissionInfo {
    authorInstructionsUrl
    onlineSubmissionUrl
    submissionDeadline
  }
  copyright
  body {
    blockType
    ... on TopicListBlock {
      heading
      leadIn
      items
      notLimitedTo
    }
    ... on ParagraphBlock {
      richText {
        html
        plainText
      }
    }
    ... on CallToActionBlock {
      heading
      text
      buttonLabel
      url
    }
    ... on ReusableContentBlock {
      content {
        kind
        heading
        body {
          html
          plainText
        }
        buttonLabel
        buttonUrl
      }
    }
    ... on ImageBlock {
      image {
        url
        width
        height
        alt
        srcSet
      }
      caption
      credit
    }
    ... on QuoteBlock {
      quote
      attribution
    }
  }
  structuredData
}
`;

const STATUS_LABELS = {
  UPCOMING: "Upcoming",
  OPEN: "Open for submissions",
  CLOSED: "Closed",
  COMPLETED: "Completed",
};

const ROLE_LABELS = {
  LEAD_GUEST_EDITOR: "Lead Guest Editor",
  GUEST_EDITOR: "Guest Editor",
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** What the reader is told for each error code; the API's own message is shown below it. */
const ERROR_TEXTS = {
  NOT_FOUND: {
    title: "Special issue not found",
    text: "We could not find a published special issue at this address. It may have been moved or withdrawn.",
  },
  BAD_USER_INPUT: {
    title: "This address is not valid",
    text: "The link to this special issue looks wrong. Please check it and try again.",
  },
  INTERNAL_SERVER_ERROR: {
    title: "Something went wrong on our side",
    text: "The special issue could not be loaded. Please try again in a few minutes.",
  },
  RATE_LIMITED: {
    title: "Too many requests",
    text: "This page was asked for too often in a short time. Please wait a minute and reload it.",
  },
  NETWORK_ERROR: {
    title: "The special issue could not be loaded",
    text: "The server could not be reached. Check your connection and try again.",
  },
};
const GENERIC_ERROR = {
  title: "The special issue could not be loaded",
  text: "Please try again later.",
};

// --- small DOM helpers ----------------------------------------------------------------

/**
 * el("a", {href: "…", class: "x"}, "text", child) → an element. Strings become text nodes
 * (never HTML); null, undefined and false children are skipped; arrays are flattened.
 */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  appendChildren(node, children);
  return node;
}

function appendChildren(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === "") continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An absolute http(s) URL (or mailto: when allowed), else null: no javascript: links. */
function safeUrl(value, { mailto = false } = {}) {
  if (!value) return null;
  let url;
  try {
    url = new URL(value, window.location.href);
  } catch {
    return null;
  }
  const allowed = mailto ? ["http:", "https:", "mailto:"] : ["http:", "https:"];
  return allowed.includes(url.protocol) ? url.href : null;
}

/** A link when the URL is safe, else the plain text; external links open safely. */
function link(href, text, attrs = {}) {
  const url = safeUrl(href, { mailto: String(href || "").startsWith("mailto:") });
  if (!url) return text ? document.createTextNode(text) : null;
  return el("a", { href: url, rel: isExternal(url) ? "noopener" : null, ...attrs }, text || url);
}

function isExternal(url) {
  return !url.startsWith("mailto:") && new URL(url).origin !== window.location.origin;
}

function mailLink(email, text) {
  // The API only returns addresses people agreed to publish; anything odd is not linked.
  if (!email || !/^[^\s@<>"]+@[^\s@<>"]+$/.test(email)) return null;
  return link(`mailto:${email}`, text || email);
}

/** "2022-12-31" → "31 Dec 2022", read as a calendar date (no time zone shift). */
function formatDate(isoDate) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate || "");
  if (!match) return "";
  const [, year, month, day] = match;
  return `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
}

/** "2023-01-01T12:00:00+00:00" → "1 Jan 2023, 12:00 UTC" (the instant a deadline closes). */
function formatInstant(isoDateTime) {
  const instant = new Date(isoDateTime);
  if (Number.isNaN(instant.getTime())) return "";
  const time = instant.toISOString().slice(11, 16);
  return `${formatDate(instant.toISOString())}, ${time} UTC`;
}

function dateElement(isoDate, attrs = {}) {
  return isoDate ? el("time", { datetime: isoDate, ...attrs }, formatDate(isoDate)) : null;
}

// --- rich text ------------------------------------------------------------------------

const RICH_TEXT_TAGS = new Set([
  "a", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5", "h6", "hr", "i",
  "img", "li", "ol", "p", "s", "strong", "sub", "sup", "u", "ul",
]);
const RICH_TEXT_DROPPED = new Set([
  "embed", "form", "iframe", "math", "noscript", "object", "script", "style", "svg", "template",
]);

/**
 * Rich text html as a DocumentFragment. The html is parsed in an inert document (nothing
 * runs or loads there) and copied over element by element: tags outside the allow-list
 * are unwrapped (their text kept), and no attribute is copied except a safe href/src.
 */
function richText(html) {
  const fragment = document.createDocumentFragment();
  const parsed = new DOMParser().parseFromString(html || "", "text/html");
  for (const child of parsed.body.childNodes) copySafe(child, fragment);
  return fragment;
}

function copySafe(node, parent) {
  if (node.nodeType === Node.TEXT_NODE) {
    parent.append(document.createTextNode(node.textContent));
    return;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  const tag = node.localName;
  if (RICH_TEXT_DROPPED.has(tag)) return;
  if (!RICH_TEXT_TAGS.has(tag)) {
    for (const child of node.childNodes) copySafe(child, parent);
    return;
  }
  let copy;
  if (tag === "a") {
    const href = safeUrl(node.getAttribute("href"), { mailto: true });
    if (!href) {
      for (const child of node.childNodes) copySafe(child, parent);
      return;
    }
    copy = el("a", { href, rel: isExternal(href) ? "noopener" : null });
  } else if (tag === "img") {
    const src = safeUrl(node.getAttribute("src"));
    if (!src) return;
    copy = el("img", {
      src,
      alt: node.getAttribute("alt") || "",
      width: node.getAttribute("width"),
      height: node.getAttribute("height"),
      loading: "lazy",
    });
  } else {
    copy = document.createElement(tag);
  }
  for (const child of node.childNodes) copySafe(child, copy);
  parent.append(copy);
}

// --- the page -------------------------------------------------------------------------

function section(id, heading, ...content) {
  return el("section", { class: "block", id, "aria-labelledby": `${id}-heading` },
    el("h2", { id: `${id}-heading` }, heading), content);
}

function statusBadge(status) {
  const label = STATUS_LABELS[status] || status;
  return el("span", { class: `badge badge--${String(status).toLowerCase()}`, "data-status": status },
    label);
}

function renderHeader(issue) {
  const journal = issue.journal || {};
  const issns = [
    journal.issnOnline && `ISSN ${journal.issnOnline} (Online)`,
    journal.issnPrint && `ISSN ${journal.issnPrint} (Print)`,
  ].filter(Boolean);
  const deadline = issue.submissionDeadline;
  return el("header", { class: "issue-header" },
    el("p", { class: "eyebrow" }, "Special Issue", issue.section && ` · ${issue.section.name}`),
    el("h1", { class: "issue-title" }, issue.title),
    el("p", { class: "issue-journal" }, "A special issue of ",
      link(journal.frontendUrl, journal.title, { class: "issue-journal__name" })),
    issns.length ? el("p", { class: "issue-issn" }, issns.join(" · ")) : null,
    el("div", { class: "issue-facts" },
      el("p", { class: "issue-deadline" },
        deadline ? ["Submission deadline: ", dateElement(deadline)] : "No submission deadline announced"),
      statusBadge(issue.status),
      issue.status === "UPCOMING" && issue.openingDate
        ? el("p", { class: "issue-opening" }, "Opens ", dateElement(issue.openingDate))
        : null),
    renderCover(issue.coverImage));
}

function renderCover(image) {
  if (!image || !safeUrl(image.url)) return null;
  return el("img", {
    class: "issue-cover", src: safeUrl(image.url), srcset: image.srcSet || null,
    sizes: "(min-width: 60rem) 46rem, 100vw", alt: image.alt || "",
    width: image.width, height: image.height,
  });
}

function renderEditors(guestEditors) {
  if (!guestEditors.length) return null;
  const items = guestEditors.map(({ role, person }) => {
    const links = [
      safeUrl(person.website) ? link(person.website, "Website") : null,
      mailLink(person.email, "E-mail"),
      person.orcidUrl ? link(person.orcidUrl, `ORCID ${person.orcid}`, { class: "orcid" }) : null,
    ].filter(Boolean);
    return el("li", { class: "editor" },
      el("p", { class: "editor__name" },
        person.honorific && el("span", { class: "editor__honorific" }, `${person.honorific} `),
        el("span", {}, person.name),
        role === "LEAD_GUEST_EDITOR" ? el("span", { class: "tag" }, ROLE_LABELS[role]) : null),
      person.affiliation ? el("p", { class: "editor__affiliation" }, person.affiliation) : null,
      links.length
        ? el("p", { class: "editor__links" }, links.flatMap((a, i) => (i ? [" | ", a] : [a])))
        : null);
  });
  const heading = guestEditors.length === 1 ? "Guest Editor" : "Guest Editors";
  return section("guest-editors", heading, el("ul", { class: "editors" }, items));
}

function renderTopicList(block) {
  const leadIn = block.leadIn || "";
  // notLimitedTo says the list is "including but not limited to"; editors often write
  // that into the lead-in already, so only add the wording when it is not there yet.
  const saysNotLimited = /not limited to/i.test(leadIn);
  return el("section", { class: "block topics" },
    block.heading ? el("h2", {}, block.heading) : null,
    leadIn ? el("p", { class: "topics__lead-in" }, leadIn) : null,
    el("ul", { class: "topics__list" }, block.items.map((item) => el("li", {}, item))),
    block.notLimitedTo && !saysNotLimited
      ? el("p", { class: "topics__not-limited" },
        "Submissions are welcome on, but not limited to, the topics above.")
      : null);
}

function renderBlock(block) {
  switch (block.blockType) {
    case "TopicListBlock":
      return renderTopicList(block);
    case "ParagraphBlock":
      return el("div", { class: "block rich-text" }, richText(block.richText && block.richText.html));
    case "CallToActionBlock":
      return el("aside", { class: "block callout" },
        block.heading ? el("h2", {}, block.heading) : null,
        block.text ? el("p", {}, block.text) : null,
        link(block.url, block.buttonLabel || "Find out more", { class: "button" }));
    case "ReusableContentBlock": {
      const content = block.content;
      if (!content) return null;
      return el("aside", { class: `block callout callout--${String(content.kind || "").toLowerCase()}` },
        content.heading ? el("h2", {}, content.heading) : null,
        el("div", { class: "rich-text" }, richText(content.body && content.body.html)),
        content.buttonUrl
          ? link(content.buttonUrl, content.buttonLabel || "Find out more", { class: "button" })
          : null);
    }
    case "ImageBlock": {
      const image = block.image;
      if (!image || !safeUrl(image.url)) return null;
      return el("figure", { class: "block figure" },
        el("img", {
          src: safeUrl(image.url), srcset: image.srcSet || null, alt: image.alt || "",
          width: image.width, height: image.height, loading: "lazy",
        }),
        block.caption || block.credit
          ? el("figcaption", {}, block.caption, block.credit && el("span", { class: "credit" }, ` ${block.credit}`))
          : null);
    }
    case "QuoteBlock":
      return el("figure", { class: "block quote" },
        el("blockquote", {}, el("p", {}, block.quote)),
        block.attribution ? el("figcaption", {}, `— ${block.attribution}`) : null);
    default:
      // A block type this page does not know yet (the schema grew): skip it, keep the page.
      console.info(`Skipping unknown block type ${block.blockType}`);
      return null;
  }
}

function renderBody(issue) {
  const blocks = issue.body || [];
  const rendered = blocks.map(renderBlock);
  // Older issues may keep their topics outside the body; show the flat list then.
  if (!blocks.some((b) => b.blockType === "TopicListBlock") && issue.topics.length) {
    rendered.unshift(renderTopicList({ heading: "Topics", leadIn: "", items: issue.topics, notLimitedTo: false }));
  }
  return rendered;
}

function renderDeadlines(issue) {
  const deadlines = issue.deadlines || [];
  if (deadlines.length <= 1) {
    const date = issue.submissionDeadline;
    const closesAt = deadlines.length ? deadlines[0].closesAt : null;
    return section("deadline", "Submission Deadline",
      el("p", { class: "deadline-date" },
        date ? dateElement(date, { title: closesAt ? `Closes ${formatInstant(closesAt)}` : null }) : "To be announced"));
  }
  return section("deadline", "Submission Deadlines",
    el("dl", { class: "deadlines" }, deadlines.map((d) => [
      el("dt", {}, d.label),
      el("dd", {}, dateElement(d.date, { title: `Closes ${formatInstant(d.closesAt)}` })),
    ])));
}

function renderSubmission(issue) {
  const info = issue.submissionInfo || {};
  const contacts = issue.contacts || [];
  return section("submission", "Submission Information",
    info.authorInstructionsUrl
      ? el("p", {}, "For Author Instructions, please refer to ",
        link(info.authorInstructionsUrl, info.authorInstructionsUrl))
      : null,
    info.onlineSubmissionUrl
      ? el("p", {}, "For Online Submission, please login at ",
        link(info.onlineSubmissionUrl, info.onlineSubmissionUrl))
      : null,
    info.submissionDeadline
      ? el("p", {}, "Submission Deadline: ", dateElement(info.submissionDeadline))
      : null,
    contacts.length
      ? el("p", { class: "contacts" }, "Contacts: ", contacts.flatMap(({ role, person }, i) => [
        i ? "; " : "",
        person.displayName,
        role ? `, ${role}` : "",
        person.email ? [", ", mailLink(person.email)] : "",
      ]))
      : null);
}

function renderArticles(articles) {
  if (!articles.length) {
    return section("articles", "Published Articles",
      el("p", { class: "empty" }, "No articles published yet."));
  }
  return section("articles", "Published Articles",
    el("ol", { class: "articles" }, articles.map((article) => el("li", { class: "article" },
      el("p", { class: "article__title" }, link(article.url, article.title)),
      article.authors.length ? el("p", { class: "article__authors" }, article.authors.join(", ")) : null,
      el("p", { class: "article__meta" },
        article.doi ? ["DOI: ", link(article.doiUrl, article.doi)] : null,
        article.doi && article.publicationDate ? " · " : null,
        article.publicationDate ? ["Published ", dateElement(article.publicationDate)] : null)))));
}

function renderSidebar(issue) {
  const sidebar = document.getElementById("sidebar");
  const info = issue.submissionInfo || {};
  const hot = (issue.journal && issue.journal.hotKeywords) || [];
  sidebar.replaceChildren();
  appendChildren(sidebar, [
    issue.status === "OPEN" && info.onlineSubmissionUrl
      ? el("p", {}, link(info.onlineSubmissionUrl, "Submit a manuscript", { class: "button button--primary" }))
      : null,
    hot.length
      ? el("section", { class: "hot-keywords", "aria-labelledby": "hot-keywords-heading" },
        el("h2", { id: "hot-keywords-heading" }, "Hot Keywords"),
        el("ul", { class: "chips" }, hot.map((k) => el("li", { class: "chip" }, k))))
      : null,
  ]);
  sidebar.hidden = !sidebar.childNodes.length;
}

function renderIssue(issue) {
  const journal = issue.journal || {};
  document.title = journal.title ? `${issue.title} | ${journal.title}` : issue.title;
  const description = issue.searchDescription || (issue.introduction && issue.introduction.plainText) || "";
  document.querySelector('meta[name="description"]').setAttribute("content", description.slice(0, 300));

  const home = document.getElementById("journal-home");
  home.textContent = journal.title || "Special issues";
  const homeUrl = safeUrl(journal.frontendUrl);
  if (homeUrl) home.href = homeUrl;

  const main = document.getElementById("main");
  main.replaceChildren(
    el("article", { class: "issue-page", "data-slug": issue.slug },
      renderHeader(issue),
      renderEditors(issue.guestEditors || []),
      issue.introduction && issue.introduction.html
        ? section("introduction", "Special Issue Introduction",
          el("div", { class: "rich-text" }, richText(issue.introduction.html)))
        : null,
      renderBody(issue),
      issue.eligibility && issue.eligibility.html
        ? section("eligibility", "Eligibility", el("div", { class: "rich-text" }, richText(issue.eligibility.html)))
        : null,
      issue.keywords.length
        ? section("keywords", "Keywords",
          el("ul", { class: "chips keywords" }, issue.keywords.map((k) => el("li", { class: "chip" }, k))))
        : null,
      renderDeadlines(issue),
      renderSubmission(issue),
      renderArticles(issue.publishedArticles || [])));
  renderSidebar(issue);
  document.getElementById("copyright").textContent = issue.copyright || journal.copyright || "";
  embedStructuredData(issue.structuredData);
}

/** structuredData (a JSON string) as <script type="application/ld+json"> in <head>. */
function embedStructuredData(json) {
  let data;
  try {
    data = typeof json === "string" ? JSON.parse(json) : json;
  } catch {
    console.warn("structuredData is not valid JSON; not embedded.");
    return;
  }
  if (!data) return;
  const script = document.getElementById("structured-data")
    || document.head.appendChild(el("script", { type: "application/ld+json", id: "structured-data" }));
  // textContent is never parsed as HTML here; escaping "<" also keeps the JSON safe if
  // this DOM is ever serialised into a server-rendered page (no "</script>" break-out).
  script.textContent = JSON.stringify(data).replace(/</g, "\\u003c");
}

function renderError({ code, message }) {
  const texts = ERROR_TEXTS[code] || GENERIC_ERROR;
  document.title = texts.title;
  const main = document.getElementById("main");
  main.replaceChildren(
    el("section", { class: "notice notice--error", role: "alert", "data-error-code": code || "" },
      el("h1", {}, texts.title),
      el("p", {}, texts.text),
      message ? el("p", { class: "notice__detail" }, message, code ? el("code", {}, ` (${code})`) : null) : null,
      code === "NOT_FOUND" ? el("p", {}, el("a", { href: seedIssueHref() }, "See the example special issue")) : null));
}

/** This page without ?slug= and ?journal= (so: the seed issue), keeping ?endpoint=. */
function seedIssueHref() {
  const params = new URLSearchParams(window.location.search);
  params.delete("slug");
  params.delete("journal");
  const query = params.toString();
  return query ? `?${query}` : window.location.pathname;
}

// --- loading --------------------------------------------------------------------------

class ApiError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

async function fetchIssue(endpoint, variables) {
  let response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ query: ISSUE_PAGE_QUERY, variables, operationName: "IssuePage" }),
      credentials: "omit", // the API is public; never send the CMS's cookies
    });
  } catch {
    throw new ApiError("The GraphQL endpoint did not answer.", "NETWORK_ERROR");
  }
  let payload;
  try {
    payload = await response.json();
  } catch {
    throw new ApiError(`The server answered HTTP ${response.status} without JSON.`, "BAD_RESPONSE");
  }
  // GraphQL errors arrive with HTTP 200 (NOT_FOUND) or 400 (limits, syntax): read the body.
  const issue = payload && payload.data ? payload.data.specialIssue : null;
  const errors = (payload && payload.errors) || [];
  if (issue) {
    if (errors.length) console.warn("Partial data:", errors);
    return issue;
  }
  const first = errors[0];
  if (first) throw new ApiError(first.message, first.extensions && first.extensions.code);
  throw new ApiError(`No special issue in the answer (HTTP ${response.status}).`, "BAD_RESPONSE");
}

async function main() {
  const params = new URLSearchParams(window.location.search);
  const slug = params.get("slug") || SEED_SLUG;
  const journal = params.get("journal") || null;
  const endpoint = safeUrl(params.get("endpoint") || DEFAULT_ENDPOINT);
  const mainElement = document.getElementById("main");
  try {
    if (!endpoint) throw new ApiError("The endpoint must be an http(s) URL.", "BAD_USER_INPUT");
    renderIssue(await fetchIssue(endpoint, { slug, journal }));
    mainElement.dataset.state = "ready";
  } catch (error) {
    renderError(error instanceof ApiError ? error : { code: "CLIENT_ERROR", message: String(error) });
    if (!(error instanceof ApiError)) console.error(error);
    mainElement.dataset.state = "error";
  } finally {
    mainElement.setAttribute("aria-busy", "false");
  }
}

main();
