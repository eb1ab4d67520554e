/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pub_config.c: the publisher's details for a DCAT-AP-SE catalog, from a
 * file of "key = value" lines and from options; every value is checked
 * and normalised when it is set. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pub.h"

/* What a key's values must look like. */
typedef enum vkind {
	V_TEXT,
	V_ORGNR,
	V_EMAIL,
	V_URL,
	V_BASEURL,
	V_PUBTYPE,
	V_CONTACT,
	V_LANGS,
	V_DATE,
	V_LICENSE,
	V_THEMES,
	V_AVAIL,
	V_COUNTRY,
	V_KEYWORDS,
	V_FREQ,
	V_PHONE,
	V_PERIOD,
	V_NOTATION
} vkind;

/* Whether a key is catalog-wide, also per dataset ("title-sv.ID"), or
 * only per dataset. */
enum { K_PLAIN = 1, K_DATASET = 2 };

static const struct keydef {
	const char *name;
	vkind kind;
	int scope;
} keydefs[] = {
	{ "publisher", V_TEXT, K_PLAIN },
	{ "publisher-en", V_TEXT, K_PLAIN },
	{ "orgnr", V_ORGNR, K_PLAIN },
	{ "publisher-type", V_PUBTYPE, K_PLAIN },
	{ "email", V_EMAIL, K_PLAIN },
	{ "contact-name", V_TEXT, K_PLAIN },
	{ "contact-type", V_CONTACT, K_PLAIN },
	{ "base-url", V_BASEURL, K_PLAIN },
	{ "homepage", V_URL, K_PLAIN },
	{ "title-sv", V_TEXT, K_PLAIN | K_DATASET },
	{ "title-en", V_TEXT, K_PLAIN | K_DATASET },
	{ "description-sv", V_TEXT, K_PLAIN | K_DATASET },
	{ "description-en", V_TEXT, K_PLAIN | K_DATASET },
	{ "keywords-sv", V_KEYWORDS, K_DATASET },
	{ "keywords-en", V_KEYWORDS, K_DATASET },
	{ "language", V_LANGS, K_PLAIN | K_DATASET },
	{ "issued", V_DATE, K_PLAIN | K_DATASET },
	{ "modified", V_DATE, K_PLAIN | K_DATASET },
	{ "theme", V_THEMES, K_PLAIN | K_DATASET },
	{ "license", V_LICENSE, K_DATASET },
	{ "vocab-license", V_LICENSE, K_PLAIN },
	{ "key-license", V_LICENSE, K_PLAIN },
	{ "availability", V_AVAIL, K_PLAIN },
	{ "spatial", V_COUNTRY, K_PLAIN },
	{ "publisher-homepage", V_URL, K_PLAIN },
	{ "publisher-email", V_EMAIL, K_PLAIN },
	{ "contact-phone", V_PHONE, K_PLAIN },
	{ "contact-street", V_TEXT, K_PLAIN },
	{ "contact-postcode", V_TEXT, K_PLAIN },
	{ "contact-locality", V_TEXT, K_PLAIN },
	{ "accrual-periodicity", V_FREQ, K_PLAIN | K_DATASET },
	{ "temporal", V_PERIOD, K_PLAIN | K_DATASET },
	{ "notation", V_NOTATION, K_DATASET },
};
#define NKEYS (sizeof(keydefs) / sizeof(keydefs[0]))

typedef struct entry {
	const struct keydef *def;
	const char *id; /* the dataset, or NULL */
	kll__pubval v;
} entry;

struct kll_pubconf {
	kll__arena arena;
	entry *e;
	size_t n, cap;
};

/* ------------------------------------------------------------------ */
/* The controlled values                                                */

static const struct theme {
	const char *code, *sv, *en;
} themes[KLL__NTHEMES] = {
	{ "AGRI", "Jordbruk, fiske, skogsbruk och livsmedel",
	    "Agriculture, fisheries, forestry and food" },
	{ "ECON", "Ekonomi och finans", "Economy and finance" },
	{ "EDUC", "Utbildning, kultur och sport",
	    "Education, culture and sport" },
	{ "ENER", "Energi", "Energy" },
	{ "ENVI", "Miljö", "Environment" },
	{ "GOVE", "Regeringen och den offentliga sektorn",
	    "Government and public sector" },
	{ "HEAL", "Hälsa", "Health" },
	{ "INTR", "Internationella frågor", "International issues" },
	{ "JUST", "Rättvisa, rättssystem och allmän säkerhet",
	    "Justice, legal system and public safety" },
	{ "SOCI", "Befolkning och samhälle", "Population and society" },
	{ "REGI", "Regioner och städer", "Regions and cities" },
	{ "TECH", "Vetenskap och teknik", "Science and technology" },
	{ "TRAN", "Transport", "Transport" },
};

const char *
kll__theme_code(int i)
{
	return i >= 0 && i < KLL__NTHEMES ? themes[i].code : NULL;
}

const char *
kll__theme_label(int i, const char *lang)
{
	if (i < 0 || i >= KLL__NTHEMES)
		return NULL;
	return strcmp(lang, "sv") == 0 ? themes[i].sv : themes[i].en;
}

/* The ADMS publisher types and the planned availabilities that
 * DCAT-AP-SE offers, with its labels. */
typedef struct labelled {
	const char *code, *sv, *en;
} labelled;

static const labelled pubtypes[] = {
	{ "Academia-ScientificOrganisation",
	    "Akademia/Vetenskaplig organisation",
	    "Academia/Scientific organisation" },
	{ "Company", "Företag", "Company" },
	{ "IndustryConsortium", "Industrikonsortium", "Industry consortium" },
	{ "LocalAuthority", "Lokal myndighet/kommun", "Local Authority" },
	{ "NationalAuthority", "Nationell myndighet", "National authority" },
	{ "NonGovernmentalOrganisation", "Icke-statlig organisation",
	    "Non-Governmental Organisation" },
	{ "NonProfitOrganisation", "Ej vinstdrivande organisation",
	    "Non-Profit Organisation" },
	{ "PrivateIndividual(s)", "Privatperson(er)", "Private Individual(s)" },
	{ "RegionalAuthority", "Regional myndighet/landsting",
	    "Regional authority" },
	{ "StandardisationBody", "Standardiseringsorganisation",
	    "Standardisation body" },
	{ "SupraNationalAuthority", "Över-/mellanstatlig myndighet",
	    "Supra-national authority" },
};
#define ADMS_PUBTYPE "http://purl.org/adms/publishertype/"

static const labelled avails[] = {
	{ "TEMPORARY", "Temporär", "Temporary" },
	{ "EXPERIMENTAL", "Experimentell", "Experimental" },
	{ "AVAILABLE", "Tillgänglig", "Available" },
	{ "STABLE", "Stabil", "Stable" },
};
#define EU_AVAIL                                                               \
	"http://publications.europa.eu/resource/authority/"                    \
	"planned-availability/"

const char *
kll__choice_label(const char *code, const char *lang)
{
	size_t i;
	int sv = strcmp(lang, "sv") == 0;

	for (i = 0; i < sizeof(pubtypes) / sizeof(pubtypes[0]); i++)
		if (strcmp(pubtypes[i].code, code) == 0)
			return sv ? pubtypes[i].sv : pubtypes[i].en;
	for (i = 0; i < sizeof(avails) / sizeof(avails[0]); i++)
		if (strcmp(avails[i].code, code) == 0)
			return sv ? avails[i].sv : avails[i].en;
	return NULL;
}

/* Two-letter language tags and their EU language codes. */
static const char *const langmap[][2] = {
	{ "sv", "SWE" },
	{ "en", "ENG" },
	{ "fi", "FIN" },
	{ "no", "NOR" },
	{ "nb", "NOB" },
	{ "nn", "NNO" },
	{ "da", "DAN" },
	{ "is", "ISL" },
	{ "de", "DEU" },
	{ "fr", "FRA" },
	{ "es", "SPA" },
	{ "se", "SME" },
	{ "et", "EST" },
	{ "lv", "LAV" },
	{ "lt", "LIT" },
	{ "pl", "POL" },
	{ "nl", "NLD" },
	{ "it", "ITA" },
	{ "pt", "POR" },
	{ "ar", "ARA" },
};

/* ------------------------------------------------------------------ */
/* Checking and normalising values                                      */

typedef struct conv {
	kll_pubconf *c;
	kll__buf out;  /* the normalised value */
	char why[256]; /* what is wrong, when it is */
} conv;

static int
bad(conv *cv, const char *fmt, const char *value)
{
	snprintf(cv->why, sizeof(cv->why), fmt, value);
	return -1;
}

static int
text_ok(conv *cv, const char *s)
{
	const unsigned char *p;

	if (!kll__utf8_valid(s, strlen(s), NULL))
		return bad(cv, "%snot UTF-8", "");
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return bad(
			    cv, "%sa control character in the value", "");
	return kll__buf_adds(&cv->out, s);
}

/* Luhn's check, as the organisation number's last digit uses it. */
static int
luhn_ok(const char *d)
{
	int i, sum = 0, x;

	for (i = 0; i < 10; i++) {
		x = d[i] - '0';
		if (i % 2 == 0 && (x *= 2) > 9)
			x -= 9;
		sum += x;
	}
	return sum % 10 == 0;
}

static int
orgnr_ok(conv *cv, const char *s)
{
	char d[11];
	size_t i, n = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '-' && i == 6 && n == 6)
			continue;
		if (!isdigit((unsigned char)s[i]) || n == 10)
			goto no;
		d[n++] = s[i];
	}
	d[n] = '\0';
	if (n != 10 || !luhn_ok(d))
		goto no;
	return kll__buf_adds(&cv->out, d);
no:
	return bad(cv,
	    "bad organisation number '%s': give 10 digits "
	    "(NNNNNN-NNNN) with a valid check digit",
	    s);
}

static int
domain_ok(const char *d)
{
	size_t label = 0, dots = 0;

	for (; *d; d++) {
		if (*d == '.') {
			if (label == 0 || d[-1] == '-')
				return 0;
			label = 0;
			dots++;
		} else if (isalnum((unsigned char)*d) ||
		           (*d == '-' && label > 0)) {
			label++;
		} else {
			return 0;
		}
	}
	return dots > 0 && label > 0 && d[-1] != '-';
}

static int
email_ok(conv *cv, const char *s)
{
	const char *at, *p, *v = s;

	if (strncmp(v, "mailto:", 7) == 0)
		v += 7;
	if ((at = strchr(v, '@')) == NULL || at == v ||
	    strchr(at + 1, '@') != NULL || !domain_ok(at + 1))
		goto no;
	for (p = v; p < at; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f ||
		    strchr("<>()[]\\,;:\"", *p) != NULL)
			goto no;
	return kll__buf_adds(&cv->out, v);
no:
	return bad(cv,
	    "bad e-mail address '%s': give one address such as "
	    "name@example.se",
	    s);
}

/* An absolute http(s) URL with a host and only characters an IRI may
 * have unescaped; "plain" also refuses a query and a fragment. */
static int
url_ok(const char *s, int plain)
{
	const unsigned char *p;
	const char *host;

	if (strncmp(s, "http://", 7) == 0)
		host = s + 7;
	else if (strncmp(s, "https://", 8) == 0)
		host = s + 8;
	else
		return 0;
	if (*host == '\0' || *host == '/' || *host == ':')
		return 0;
	for (p = (const unsigned char *)s; *p; p++)
		if (*p <= 0x20 || *p == 0x7f || strchr("<>\"{}|\\^`", *p) ||
		    (plain && (*p == '#' || *p == '?')))
			return 0;
	return 1;
}

static int
http_ok(conv *cv, const char *s)
{
	if (!url_ok(s, 0))
		return bad(cv,
		    "bad URL '%s': give an absolute http:// or "
		    "https:// URL",
		    s);
	return kll__buf_adds(&cv->out, s);
}

static int
baseurl_ok(conv *cv, const char *s)
{
	size_t n = strlen(s);

	if (!url_ok(s, 1))
		return bad(cv,
		    "base URL '%s' is not absolute: give http:// "
		    "or https://, a host and a path, without '?' or "
		    "'#'",
		    s);
	if (kll__buf_adds(&cv->out, s) < 0)
		return -1;
	return n > 0 && s[n - 1] == '/' ? 0 : kll__buf_addc(&cv->out, '/');
}

static int
license_ok(conv *cv, const char *s)
{
	const char *n;

	if (!url_ok(s, 0))
		return bad(cv,
		    "bad licence '%s': give the licence's "
		    "http:// or https:// IRI",
		    s);
	if ((n = kll__license_norm(&cv->c->arena, s)) == NULL)
		return -1;
	return kll__buf_adds(&cv->out, n);
}

/* One of the codes of "tab" in any case, or its IRI under "ns"; 1 when
 * none. */
static int
choice(conv *cv, const char *s, const labelled *tab, size_t n, const char *ns)
{
	size_t i, nl = strlen(ns);
	const char *v = strncmp(s, ns, nl) == 0 ? s + nl : s;

	for (i = 0; i < n; i++)
		if (strcasecmp(v, tab[i].code) == 0)
			return kll__buf_adds(&cv->out, tab[i].code);
	return 1;
}

static int
pubtype_ok(conv *cv, const char *s)
{
	int r = choice(cv, s, pubtypes, sizeof(pubtypes) / sizeof(*pubtypes),
	    ADMS_PUBTYPE);

	if (r > 0)
		return bad(cv,
		    "unknown publisher type '%s': give one of the "
		    "ADMS list, such as NationalAuthority, "
		    "LocalAuthority, RegionalAuthority, Company",
		    s);
	return r;
}

static int
avail_ok(conv *cv, const char *s)
{
	int r =
	    choice(cv, s, avails, sizeof(avails) / sizeof(*avails), EU_AVAIL);

	if (r > 0)
		return bad(cv,
		    "unknown availability '%s': give TEMPORARY, "
		    "EXPERIMENTAL, AVAILABLE or STABLE",
		    s);
	return r;
}

static int
contact_ok(conv *cv, const char *s)
{
	if (strcasecmp(s, "organization") == 0 ||
	    strcasecmp(s, "organisation") == 0)
		return kll__buf_adds(&cv->out, "Organization");
	if (strcasecmp(s, "individual") == 0)
		return kll__buf_adds(&cv->out, "Individual");
	return bad(cv,
	    "unknown contact type '%s': give organization or "
	    "individual",
	    s);
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
date_ok(conv *cv, const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	int i, y, m, d;

	for (i = 0; i < 10; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' :
		                         !isdigit((unsigned char)s[i]))
			goto no;
	if (s[10] != '\0')
		goto no;
	y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (y < 1 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] + (m == 2 && leap(y)))
		goto no;
	return kll__buf_adds(&cv->out, s);
no:
	return bad(cv, "bad date '%s': give YYYY-MM-DD", s);
}

/* The next item of a list separated by commas or spaces, into w. */
static const char *
next_item(const char *p, char *w, size_t wsz, int commas_only)
{
	size_t n = 0;

	while (*p == ',' || (!commas_only && isspace((unsigned char)*p)))
		p++;
	if (commas_only)
		while (isspace((unsigned char)*p))
			p++;
	while (*p != '\0' && *p != ',' &&
	       (commas_only || !isspace((unsigned char)*p))) {
		if (n + 1 < wsz)
			w[n++] = *p;
		p++;
	}
	while (commas_only && n > 0 && isspace((unsigned char)w[n - 1]))
		n--;
	w[n] = '\0';
	return p;
}

static int
add_item(conv *cv, const char *item)
{
	if (cv->out.n > 0 && kll__buf_addc(&cv->out, ' ') < 0)
		return -1;
	return kll__buf_adds(&cv->out, item);
}

static int
langs_ok(conv *cv, const char *s)
{
	char w[64], up[4];
	const char *p = s;
	size_t i;
	int n = 0;

	while (*(p = next_item(p, w, sizeof(w), 0)) != '\0' || w[0]) {
		for (i = 0; i < sizeof(langmap) / sizeof(*langmap); i++)
			if (strcasecmp(w, langmap[i][0]) == 0)
				break;
		if (i < sizeof(langmap) / sizeof(*langmap)) {
			if (add_item(cv, langmap[i][1]) < 0)
				return -1;
		} else if (strlen(w) == 3 && isalpha((unsigned char)w[0]) &&
		           isalpha((unsigned char)w[1]) &&
		           isalpha((unsigned char)w[2])) {
			for (i = 0; i < 3; i++)
				up[i] = (char)toupper((unsigned char)w[i]);
			up[3] = '\0';
			if (add_item(cv, up) < 0)
				return -1;
		} else {
			return bad(cv,
			    "unknown language '%s': give tags such "
			    "as sv, en or EU language codes such as "
			    "SWE, ENG",
			    w);
		}
		n++;
	}
	return n > 0 ? 0 : bad(cv, "%sno language", "");
}

const char *
kll__lang_code(const char *tag)
{
	size_t i;

	for (i = 0; tag != NULL && i < sizeof(langmap) / sizeof(*langmap); i++)
		if (strcasecmp(tag, langmap[i][0]) == 0)
			return langmap[i][1];
	return NULL;
}

unsigned
kll__themes_parse(const char *codes)
{
	char w[64];
	const char *p = codes;
	unsigned set = 0;
	int i;

	while (*(p = next_item(p, w, sizeof(w), 0)) != '\0' || w[0])
		for (i = 0; i < KLL__NTHEMES; i++)
			if (strcasecmp(w, themes[i].code) == 0)
				set |= 1u << i;
	return set;
}

static int
themes_ok(conv *cv, const char *s)
{
	char w[64];
	const char *p = s;
	unsigned set = 0;
	int i;

	while (*(p = next_item(p, w, sizeof(w), 0)) != '\0' || w[0]) {
		for (i = 0; i < KLL__NTHEMES; i++)
			if (strcasecmp(w, themes[i].code) == 0)
				break;
		if (i == KLL__NTHEMES)
			return bad(cv,
			    "unknown theme '%s': give codes "
			    "of the EU data-theme list: AGRI ECON "
			    "EDUC ENER ENVI GOVE HEAL INTR JUST "
			    "SOCI REGI TECH TRAN",
			    w);
		set |= 1u << i;
	}
	if (set == 0)
		return bad(cv, "%sno theme", "");
	for (i = 0; i < KLL__NTHEMES; i++)
		if ((set & (1u << i)) && add_item(cv, themes[i].code) < 0)
			return -1;
	return 0;
}

static int
country_ok(conv *cv, const char *s)
{
	char up[4];
	int i;

	if (strlen(s) != 3)
		goto no;
	for (i = 0; i < 3; i++) {
		if (!isalpha((unsigned char)s[i]))
			goto no;
		up[i] = (char)toupper((unsigned char)s[i]);
	}
	up[3] = '\0';
	return kll__buf_adds(&cv->out, up);
no:
	return bad(cv,
	    "bad country '%s': give a code of the EU country "
	    "list, such as SWE",
	    s);
}

static int
keywords_ok(conv *cv, const char *s)
{
	char w[512];
	const char *p = s;
	int n = 0;

	if (text_ok(cv, s) < 0)
		return -1;
	cv->out.n = 0;
	while (*(p = next_item(p, w, sizeof(w), 1)) != '\0' || w[0]) {
		if (w[0] == '\0')
			continue;
		if ((n++ > 0 && kll__buf_adds(&cv->out, ", ") < 0) ||
		    kll__buf_adds(&cv->out, w) < 0)
			return -1;
	}
	return n > 0 ? 0 : bad(cv, "%sno keyword", "");
}

/* A code of the EU frequency list (ANNUAL, IRREG, NEVER ...), or its
 * IRI, upper case. */
static int
freq_ok(conv *cv, const char *s)
{
	static const char ns[] =
	    "http://publications.europa.eu/resource/authority/frequency/";
	const char *v = strncmp(s, ns, sizeof(ns) - 1) == 0 ?
	                    s + sizeof(ns) - 1 :
	                    s;
	size_t i, n = strlen(v);

	if (n == 0 || n > 32)
		goto no;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)v[i]) && v[i] != '_')
			goto no;
	for (i = 0; i < n; i++)
		if (kll__buf_addc(&cv->out, (char)toupper((unsigned char)v[i])) <
		    0)
			return -1;
	return 0;
no:
	return bad(cv,
	    "bad frequency '%s': give a code of the EU frequency list, such "
	    "as ANNUAL, IRREG or NEVER",
	    s);
}

/* A telephone number: digits, an optional leading '+', spaces and
 * '-'; written as a tel: IRI without the spaces. */
static int
phone_ok(conv *cv, const char *s)
{
	const char *p;
	int digits = 0;

	for (p = s; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!(*p == '+' && p == s) && *p != ' ' && *p != '-')
			goto no;
	}
	if (digits < 3 || digits > 20)
		goto no;
	for (p = s; *p; p++)
		if (*p != ' ' && kll__buf_addc(&cv->out, *p) < 0)
			return -1;
	return 0;
no:
	return bad(cv,
	    "bad telephone number '%s': give digits, such as +46 8 123 456 "
	    "00",
	    s);
}

/* A period "START/END", each YYYY-MM-DD, either may be left out. */
static int
period_ok(conv *cv, const char *s)
{
	const char *slash = strchr(s, '/');
	char a[16], b[16];
	conv tmp;

	if (slash == NULL || slash - s > 10 || strlen(slash + 1) > 10 ||
	    (slash == s && slash[1] == '\0'))
		goto no;
	snprintf(a, sizeof(a), "%.*s", (int)(slash - s), s);
	snprintf(b, sizeof(b), "%s", slash + 1);
	memset(&tmp, 0, sizeof(tmp));
	tmp.c = cv->c;
	if ((a[0] && date_ok(&tmp, a) != 0) || (b[0] && date_ok(&tmp, b) != 0)) {
		kll__buf_free(&tmp.out);
		goto no;
	}
	kll__buf_free(&tmp.out);
	if (a[0] && b[0] && strcmp(a, b) > 0)
		goto no;
	return kll__buf_adds(&cv->out, s);
no:
	return bad(cv,
	    "bad period '%s': give START/END as YYYY-MM-DD/YYYY-MM-DD (either "
	    "may be left out), START not after END",
	    s);
}

static int
convert(conv *cv, vkind kind, const char *s)
{
	if (*s == '\0')
		return bad(cv, "%sempty value", "");
	if (kind != V_TEXT && kind != V_KEYWORDS &&
	    !kll__utf8_valid(s, strlen(s), NULL))
		return bad(cv, "%snot UTF-8", "");
	switch (kind) {
	case V_TEXT:
		return text_ok(cv, s);
	case V_ORGNR:
		return orgnr_ok(cv, s);
	case V_EMAIL:
		return email_ok(cv, s);
	case V_URL:
		return http_ok(cv, s);
	case V_BASEURL:
		return baseurl_ok(cv, s);
	case V_PUBTYPE:
		return pubtype_ok(cv, s);
	case V_CONTACT:
		return contact_ok(cv, s);
	case V_LANGS:
		return langs_ok(cv, s);
	case V_DATE:
		return date_ok(cv, s);
	case V_LICENSE:
		return license_ok(cv, s);
	case V_THEMES:
		return themes_ok(cv, s);
	case V_AVAIL:
		return avail_ok(cv, s);
	case V_COUNTRY:
		return country_ok(cv, s);
	case V_KEYWORDS:
		return keywords_ok(cv, s);
	case V_FREQ:
		return freq_ok(cv, s);
	case V_PHONE:
		return phone_ok(cv, s);
	case V_PERIOD:
		return period_ok(cv, s);
	case V_NOTATION:
		return text_ok(cv, s);
	}
	return -1;
}

/* Creative Commons licences as DCAT-AP-SE lists them: http, not https,
 * and with the final '/'. */
const char *
kll__license_norm(kll__arena *a, const char *iri)
{
	static const char cc[] = "creativecommons.org/";
	const char *rest = NULL;
	char buf[512];
	size_t n;

	if (strncmp(iri, "https://", 8) == 0)
		rest = iri + 8;
	else if (strncmp(iri, "http://", 7) == 0)
		rest = iri + 7;
	if (rest != NULL && strncmp(rest, "www.", 4) == 0)
		rest += 4;
	if (rest == NULL || strncmp(rest, cc, sizeof(cc) - 1) != 0 ||
	    strchr(rest, '?') != NULL || strchr(rest, '#') != NULL ||
	    (n = strlen(rest)) + 9 > sizeof(buf))
		return kll__arena_strdup(a, iri);
	snprintf(buf, sizeof(buf), "http://%s%s", rest,
	    rest[n - 1] == '/' ? "" : "/");
	return kll__arena_strdup(a, buf);
}

/* ------------------------------------------------------------------ */
/* The table of values                                                  */

kll_status
kll_pubconf_new(kll_pubconf **out, kll_error *err)
{
	if ((*out = kll__calloc(1, sizeof(**out))) == NULL)
		return kll__nomem(err);
	return KLL_OK;
}

void
kll_pubconf_free(kll_pubconf *c)
{
	if (c == NULL)
		return;
	free(c->e);
	kll__arena_free(&c->arena);
	free(c);
}

const char *
kll_pubconf_key_at(size_t i)
{
	return i < NKEYS ? keydefs[i].name : NULL;
}

static entry *
find(const kll_pubconf *c, const struct keydef *def, const char *id)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->e[i].def == def &&
		    (id == NULL ? c->e[i].id == NULL :
		                  c->e[i].id && strcmp(c->e[i].id, id) == 0))
			return &c->e[i];
	return NULL;
}

const kll__pubval *
kll__pubconf_lookup(
    const kll_pubconf *c, const char *key, const char *id, int fallback)
{
	const entry *e = NULL;
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(keydefs[i].name, key) == 0)
			break;
	if (i == NKEYS)
		return NULL;
	if (id != NULL)
		e = find(c, &keydefs[i], id);
	if (e == NULL && (id == NULL || fallback))
		e = find(c, &keydefs[i], NULL);
	return e ? &e->v : NULL;
}

const char *
kll_pubconf_get(const kll_pubconf *c, const char *key)
{
	const kll__pubval *v = kll__pubconf_lookup(c, key, NULL, 0);

	return v ? v->value : NULL;
}

int
kll__pubconf_dataset_at(const kll_pubconf *c, size_t i, const char **id,
    const kll__pubval **val, const char **key)
{
	size_t j, k = 0;

	for (j = 0; j < c->n; j++) {
		if (c->e[j].id == NULL)
			continue;
		if (k++ == i) {
			*id = c->e[j].id;
			*val = &c->e[j].v;
			*key = c->e[j].def->name;
			return 1;
		}
	}
	return 0;
}

static int
id_ok(const char *s)
{
	if (!isalnum((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._-", *s))
			return 0;
	return 1;
}

/* The key "name" or "name.ID": its definition and dataset id. */
static const struct keydef *
parse_key(const char *key, const char **id, char *why, size_t whysz)
{
	const char *dot = strchr(key, '.');
	size_t n = dot ? (size_t)(dot - key) : strlen(key), i;

	*id = dot ? dot + 1 : NULL;
	for (i = 0; i < NKEYS; i++)
		if (strlen(keydefs[i].name) == n &&
		    strncmp(keydefs[i].name, key, n) == 0)
			break;
	if (i == NKEYS) {
		snprintf(why, whysz, "unknown key '%s'", key);
		return NULL;
	}
	if (dot != NULL && (!(keydefs[i].scope & K_DATASET) || !id_ok(*id))) {
		snprintf(why, whysz, "unknown key '%s'%s", key,
		    keydefs[i].scope & K_DATASET ? ": bad dataset id" :
		                                   ": not set per dataset");
		return NULL;
	}
	if (dot == NULL && !(keydefs[i].scope & K_PLAIN)) {
		snprintf(
		    why, whysz, "key '%s' needs a dataset: '%s.ID'", key, key);
		return NULL;
	}
	return &keydefs[i];
}

static kll_status
store(kll_pubconf *c, const struct keydef *def, const char *id,
    const char *value, const char *where, unsigned line, kll_error *err)
{
	entry *e, *grown;
	size_t cap;

	if ((e = find(c, def, id)) == NULL) {
		if (c->n == c->cap) {
			cap = c->cap ? c->cap * 2 : 32;
			if ((grown = kll__realloc(
			         c->e, cap * sizeof(*grown))) == NULL)
				goto nomem;
			c->e = grown;
			c->cap = cap;
		}
		e = &c->e[c->n];
		memset(e, 0, sizeof(*e));
		e->def = def;
		if (id != NULL &&
		    (e->id = kll__arena_strdup(&c->arena, id)) == NULL)
			goto nomem;
		c->n++;
	}
	if ((e->v.value = kll__arena_strdup(&c->arena, value)) == NULL ||
	    (e->v.where = kll__arena_strdup(&c->arena, where)) == NULL)
		goto nomem;
	e->v.line = line;
	return KLL_OK;
nomem:
	return kll__error_set(err, KLL_ENOMEM, where, line, 0, "out of memory");
}

static kll_status
invalid(kll_error *err, const char *where, unsigned line, const char *rule,
    const char *key, const char *why)
{
	kll__error_set(err, KLL_EINVALID, where, line, 0, "%s%s%s%s", why,
	    key ? " (" : "", key ? key : "", key ? ")" : "");
	if (err != NULL)
		snprintf(err->rule, sizeof(err->rule), "%s", rule);
	return KLL_EINVALID;
}

kll_status
kll_pubconf_set(kll_pubconf *c, const char *key, const char *value,
    const char *where, unsigned line, kll_error *err)
{
	const struct keydef *def;
	const char *id;
	kll_status st;
	conv cv;

	memset(&cv, 0, sizeof(cv));
	cv.c = c;
	if (where == NULL)
		where = "";
	if ((def = parse_key(key, &id, cv.why, sizeof(cv.why))) == NULL)
		return invalid(
		    err, where, line, "publish-unknown-key", NULL, cv.why);
	if (convert(&cv, def->kind, value) < 0 ||
	    kll__buf_addc(&cv.out, '\0') < 0) {
		kll__buf_free(&cv.out);
		if (cv.why[0] == '\0')
			return kll__error_set(
			    err, KLL_ENOMEM, where, line, 0, "out of memory");
		return invalid(
		    err, where, line, "publish-bad-value", key, cv.why);
	}
	st = store(c, def, id, cv.out.p, where, line, err);
	kll__buf_free(&cv.out);
	return st;
}

/* ------------------------------------------------------------------ */
/* Reading a file                                                       */

typedef struct reader {
	kll_pubconf *c;
	const char *name;
	kll_diag_fn diag;
	void *payload;
	kll_error *err;
	size_t problems;
	kll_status st; /* first failure */
} reader;

/* A problem of the file: to the sink, or, without one, the failure. */
static void
problem(reader *r, const kll_error *e)
{
	r->problems++;
	if (r->diag != NULL)
		r->diag(r->payload, e);
	if (r->st == KLL_OK) {
		r->st = e->code;
		if (r->err != NULL)
			*r->err = *e;
	}
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static void
read_line(reader *r, char *line, unsigned lineno)
{
	char *eq, *key, *value;
	const struct keydef *def;
	const char *id;
	const entry *old;
	char why[256];
	kll_error e;
	size_t n;

	key = trim(line);
	if (*key == '\0' || *key == '#')
		return;
	if (!kll__utf8_valid(key, strlen(key), NULL)) {
		invalid(&e, r->name, lineno, "publish-config-syntax", NULL,
		    "not UTF-8");
		problem(r, &e);
		return;
	}
	if ((eq = strchr(key, '=')) == NULL) {
		invalid(&e, r->name, lineno, "publish-config-syntax", NULL,
		    "expected 'key = value'");
		problem(r, &e);
		return;
	}
	*eq = '\0';
	key = trim(key);
	value = trim(eq + 1);
	n = strlen(value);
	if (n >= 2 && value[0] == '"' && value[n - 1] == '"') {
		value[n - 1] = '\0';
		value++;
	}
	if ((def = parse_key(key, &id, why, sizeof(why))) != NULL &&
	    (old = find(r->c, def, id)) != NULL && old->v.line > 0 &&
	    strcmp(old->v.where, r->name) == 0) {
		snprintf(why, sizeof(why),
		    "'%s' given twice (first on line "
		    "%u)",
		    key, old->v.line);
		invalid(&e, r->name, lineno, "publish-repeated-key", NULL, why);
		problem(r, &e);
		return;
	}
	if (kll_pubconf_set(r->c, key, value, r->name, lineno, &e) != KLL_OK)
		problem(r, &e);
}

kll_status
kll_pubconf_read(kll_pubconf *c, const char *path, kll_diag_fn diag,
    void *payload, kll_error *err)
{
	kll__buf line = { NULL, 0, 0 };
	unsigned lineno = 0;
	reader r;
	FILE *fp;
	int got;

	memset(&r, 0, sizeof(r));
	r.c = c, r.name = kll__display_name(path), r.diag = diag;
	r.payload = payload, r.err = err;
	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = kll__fopen_file(path, err)) == NULL)
		return KLL_EIO;
	while ((got = kll__getline(&line, fp)) > 0) {
		lineno++;
		read_line(&r, line.p, lineno);
		if (r.st == KLL_ENOMEM || (r.st != KLL_OK && diag == NULL))
			break;
	}
	if (got < 0 && r.st == KLL_OK)
		r.st = kll__nomem(err);
	if (ferror(fp) && r.st == KLL_OK)
		r.st = kll__error_set(err, KLL_EIO, path, lineno, 0,
		    "read error: %s", strerror(errno));
	kll__buf_free(&line);
	if (fp != stdin)
		fclose(fp);
	return r.st;
}
