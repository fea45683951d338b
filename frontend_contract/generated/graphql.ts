export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * The `Date` scalar type represents a Date
   * value as specified by
   * [iso8601](https://en.wikipedia.org/wiki/ISO_8601).
   */
  Date: { input: string; output: string; }
  /**
   * The `DateTime` scalar type represents a DateTime
   * value as specified by
   * [iso8601](https://en.wikipedia.org/wiki/ISO_8601).
   */
  DateTime: { input: string; output: string; }
  /**
   * Allows use of a JSON String for input / output from the GraphQL schema.
   *
   * Use of this type is *not recommended* as you lose the benefits of having a defined, static
   * schema (one of the key benefits of GraphQL).
   */
  JSONString: { input: string; output: string; }
  /** GraphQL type for an integer that must be equal or greater than zero. */
  PositiveInt: { input: number; output: number; }
  /**
   * Leverages the internal Python implementation of UUID (uuid.UUID) to provide native UUID objects
   * in fields, resolvers and input.
   */
  UUID: { input: string; output: string; }
};

/** What is due at a deadline. */
export type DeadlineKind =
  | 'ABSTRACT'
  | 'FULL_MANUSCRIPT'
  | 'OTHER';

/** A guest editor's role on one special issue. */
export type GuestEditorRole =
  | 'GUEST_EDITOR'
  | 'LEAD_GUEST_EDITOR';

/** Where a call for papers stands, derived from its dates and published articles. */
export type IssueStatus =
  | 'CLOSED'
  | 'COMPLETED'
  | 'OPEN'
  | 'UPCOMING';

/** What a reusable marketing snippet is for. */
export type ReusableContentKind =
  | 'BOILERPLATE'
  | 'CALL_TO_ACTION'
  | 'NOTICE';

/** Enum for search operator. */
export type SearchOperatorEnum =
  | 'AND'
  | 'OR';

/** How a listing of special issues is ordered. */
export type SpecialIssueOrder =
  | 'DEADLINE_ASC'
  | 'DEADLINE_DESC'
  | 'NEWEST'
  | 'TITLE';

export type IssuePageQueryVariables = Exact<{
  slug: Scalars['String']['input'];
  journal?: InputMaybe<Scalars['String']['input']>;
}>;


export type IssuePageQuery = { specialIssue: { title: string, slug: string, frontendUrl: string | null, searchDescription: string | null, status: IssueStatus, openingDate: string | null, submissionDeadline: string | null, topics: Array<string>, keywords: Array<string>, copyright: string, structuredData: string, deadlines: Array<{ kind: DeadlineKind, label: string, date: string, timeZone: string, closesAt: string }>, journal: { title: string, slug: string, frontendUrl: string | null, issnOnline: string | null, issnPrint: string | null, publisher: string, hotKeywords: Array<string>, copyright: string } | null, section: { name: string } | null, coverImage: { url: string, width: number, height: number, alt: string, srcSet: string } | null, guestEditors: Array<{ role: GuestEditorRole, person: { id: string | null, displayName: string, honorific: string, name: string, affiliation: string, department: string, institution: string, city: string, country: string, website: string | null, email: string | null, orcid: string | null, orcidUrl: string | null } }>, introduction: { html: string, plainText: string }, eligibility: { html: string, plainText: string }, contacts: Array<{ role: string, person: { displayName: string, name: string, email: string | null } }>, publishedArticles: Array<{ title: string, authors: Array<string>, doi: string | null, doiUrl: string | null, publicationDate: string | null, url: string | null }>, submissionInfo: { authorInstructionsUrl: string | null, onlineSubmissionUrl: string | null, submissionDeadline: string | null }, body: Array<
      | { blockType: string }
      | { blockType: string }
      | { heading: string, text: string, buttonLabel: string, url: string, blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { caption: string, credit: string, blockType: string, image: { url: string, width: number, height: number, alt: string, srcSet: string } | null }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string, richText: { html: string, plainText: string } }
      | { quote: string, attribution: string, blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string, content: { kind: ReusableContentKind, heading: string, buttonLabel: string, buttonUrl: string, body: { html: string, plainText: string } } | null }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { heading: string, leadIn: string, items: Array<string>, notLimitedTo: boolean, blockType: string }
      | { blockType: string }
     | null> | null } | null };

export type IssuePreviewQueryVariables = Exact<{
  token: Scalars['String']['input'];
}>;


export type IssuePreviewQuery = { specialIssue: { title: string, slug: string, frontendUrl: string | null, searchDescription: string | null, status: IssueStatus, openingDate: string | null, submissionDeadline: string | null, topics: Array<string>, keywords: Array<string>, copyright: string, structuredData: string, deadlines: Array<{ kind: DeadlineKind, label: string, date: string, timeZone: string, closesAt: string }>, journal: { title: string, slug: string, frontendUrl: string | null, issnOnline: string | null, issnPrint: string | null, publisher: string, hotKeywords: Array<string>, copyright: string } | null, section: { name: string } | null, coverImage: { url: string, width: number, height: number, alt: string, srcSet: string } | null, guestEditors: Array<{ role: GuestEditorRole, person: { id: string | null, displayName: string, honorific: string, name: string, affiliation: string, department: string, institution: string, city: string, country: string, website: string | null, email: string | null, orcid: string | null, orcidUrl: string | null } }>, introduction: { html: string, plainText: string }, eligibility: { html: string, plainText: string }, contacts: Array<{ role: string, person: { displayName: string, name: string, email: string | null } }>, publishedArticles: Array<{ title: string, authors: Array<string>, doi: string | null, doiUrl: string | null, publicationDate: string | null, url: string | null }>, submissionInfo: { authorInstructionsUrl: string | null, onlineSubmissionUrl: string | null, submissionDeadline: string | null }, body: Array<
      | { blockType: string }
      | { blockType: string }
      | { heading: string, text: string, buttonLabel: string, url: string, blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { caption: string, credit: string, blockType: string, image: { url: string, width: number, height: number, alt: string, srcSet: string } | null }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string, richText: { html: string, plainText: string } }
      | { quote: string, attribution: string, blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string, content: { kind: ReusableContentKind, heading: string, buttonLabel: string, buttonUrl: string, body: { html: string, plainText: string } } | null }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { blockType: string }
      | { heading: string, leadIn: string, items: Array<string>, notLimitedTo: boolean, blockType: string }
      | { blockType: string }
     | null> | null } | null };

export type JournalPageQueryVariables = Exact<{
  slug: Scalars['String']['input'];
}>;


export type JournalPageQuery = { journal: { title: string, slug: string, frontendUrl: string | null, issnOnline: string | null, issnPrint: string | null, publisher: string, hotKeywords: Array<string>, copyright: string, authorInstructionsUrl: string | null, onlineSubmissionUrl: string | null, sectionList: Array<{ name: string }> } | null, openCalls: { total: number, items: Array<{ title: string, slug: string, frontendUrl: string | null, status: IssueStatus, openingDate: string | null, submissionDeadline: string | null, keywords: Array<string>, journal: { title: string, slug: string } | null, guestEditors: Array<{ role: GuestEditorRole, person: { displayName: string } }> }> }, upcomingCalls: { total: number, items: Array<{ title: string, slug: string, frontendUrl: string | null, status: IssueStatus, openingDate: string | null, submissionDeadline: string | null, keywords: Array<string>, journal: { title: string, slug: string } | null, guestEditors: Array<{ role: GuestEditorRole, person: { displayName: string } }> }> }, completedIssues: { total: number, items: Array<{ title: string, slug: string, frontendUrl: string | null, status: IssueStatus, openingDate: string | null, submissionDeadline: string | null, keywords: Array<string>, journal: { title: string, slug: string } | null, guestEditors: Array<{ role: GuestEditorRole, person: { displayName: string } }> }> }, keywords: Array<{ keyword: string, count: number }> };

export type JournalsQueryVariables = Exact<{
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
}>;


export type JournalsQuery = { journals: { total: number, hasNextPage: boolean, items: Array<{ title: string, slug: string, frontendUrl: string | null, issnOnline: string | null, issnPrint: string | null }> } };

export type OpenCallsQueryVariables = Exact<{
  journal?: InputMaybe<Scalars['String']['input']>;
  keyword?: InputMaybe<Scalars['String']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
  order?: InputMaybe<SpecialIssueOrder>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
}>;


export type OpenCallsQuery = { specialIssues: { total: number, limit: number, offset: number, hasNextPage: boolean, items: Array<{ title: string, slug: string, frontendUrl: string | null, status: IssueStatus, openingDate: string | null, submissionDeadline: string | null, keywords: Array<string>, journal: { title: string, slug: string } | null, guestEditors: Array<{ role: GuestEditorRole, person: { displayName: string } }> }> } };

export type PersonPageQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PersonPageQuery = { person: { bio: string, researchInterests: Array<string>, id: string | null, displayName: string, honorific: string, name: string, affiliation: string, department: string, institution: string, city: string, country: string, website: string | null, email: string | null, orcid: string | null, orcidUrl: string | null, photo: { url: string, alt: string, rendition: { url: string, width: number, height: number } } | null, specialIssues: Array<{ title: string, slug: string, frontendUrl: string | null, status: IssueStatus, openingDate: string | null, submissionDeadline: string | null, keywords: Array<string>, journal: { title: string, slug: string } | null, guestEditors: Array<{ role: GuestEditorRole, person: { displayName: string } }> }> } | null };

export type PersonSummaryFragment = { id: string | null, displayName: string, honorific: string, name: string, affiliation: string, department: string, institution: string, city: string, country: string, website: string | null, email: string | null, orcid: string | null, orcidUrl: string | null };

export type IssueCardFragment = { title: string, slug: string, frontendUrl: string | null, status: IssueStatus, openingDate: string | null, submissionDeadline: string | null, keywords: Array<string>, journal: { title: string, slug: string } | null, guestEditors: Array<{ role: GuestEditorRole, person: { displayName: string } }> };

export type IssueFullFragment = { title: string, slug: string, frontendUrl: string | null, searchDescription: string | null, status: IssueStatus, openingDate: string | null, submissionDeadline: string | null, topics: Array<string>, keywords: Array<string>, copyright: string, structuredData: string, deadlines: Array<{ kind: DeadlineKind, label: string, date: string, timeZone: string, closesAt: string }>, journal: { title: string, slug: string, frontendUrl: string | null, issnOnline: string | null, issnPrint: string | null, publisher: string, hotKeywords: Array<string>, copyright: string } | null, section: { name: string } | null, coverImage: { url: string, width: number, height: number, alt: string, srcSet: string } | null, guestEditors: Array<{ role: GuestEditorRole, person: { id: string | null, displayName: string, honorific: string, name: string, affiliation: string, department: string, institution: string, city: string, country: string, website: string | null, email: string | null, orcid: string | null, orcidUrl: string | null } }>, introduction: { html: string, plainText: string }, eligibility: { html: string, plainText: string }, contacts: Array<{ role: string, person: { displayName: string, name: string, email: string | null } }>, publishedArticles: Array<{ title: string, authors: Array<string>, doi: string | null, doiUrl: string | null, publicationDate: string | null, url: string | null }>, submissionInfo: { authorInstructionsUrl: string | null, onlineSubmissionUrl: string | null, submissionDeadline: string | null }, body: Array<
    | { blockType: string }
    | { blockType: string }
    | { heading: string, text: string, buttonLabel: string, url: string, blockType: string }
    | { blockType: string }
    | { blockType: string }
    | { blockType: string }
    | { blockType: string }
    | { blockType: string }
    | { blockType: string }
    | { blockType: string }
    | { blockType: string }
    | { blockType: string }
    | { caption: string, credit: string, blockType: string, image: { url: string, width: number, height: number, alt: string, srcSet: string } | null }
    | { blockType: string }
    | { blockType: string }
    | { blockType: string }
    | { blockType: string }
    | { blockType: string, richText: { html: string, plainText: string } }
    | { quote: string, attribution: string, blockType: string }
    | { blockType: string }
    | { blockType: string }
    | { blockType: string, content: { kind: ReusableContentKind, heading: string, buttonLabel: string, buttonUrl: string, body: { html: string, plainText: string } } | null }
    | { blockType: string }
    | { blockType: string }
    | { blockType: string }
    | { blockType: string }
    | { blockType: string }
    | { blockType: string }
    | { blockType: string }
    | { blockType: string }
    | { heading: string, leadIn: string, items: Array<string>, notLimitedTo: boolean, blockType: string }
    | { blockType: string }
   | null> | null };
