/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* error.c: status names and filling kll_error. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

const char *
kll_strerror(kll_status st)
{
	switch (st) {
	case KLL_OK:
		return "success";
	case KLL_ENOMEM:
		return "out of memory";
	case KLL_EIO:
		return "input/output error";
	case KLL_ESYNTAX:
		return "syntax error";
	case KLL_EINVALID:
		return "invalid data";
	case KLL_ENOTFOUND:
		return "not found";
	case KLL_EARG:
		return "bad argument";
	case KLL_EENCODING:
		return "not UTF-8";
	}
	return "unknown error";
}

const char *
kll_severity_name(kll_severity sev)
{
	switch (sev) {
	case KLL_SEV_INFO:
		return "info";
	case KLL_SEV_WARNING:
		return "warning";
	case KLL_SEV_ERROR:
		return "error";
	}
	return "error";
}

const char *
kll_error_rule(const kll_error *err)
{
	if (err->rule[0] != '\0')
		return err->rule;
	switch (err->code) {
	case KLL_EIO:
		return "input-unreadable";
	case KLL_ENOTFOUND:
		return "input-not-found";
	case KLL_EENCODING:
		return "input-encoding";
	case KLL_ESYNTAX:
		return "input-syntax";
	case KLL_ENOMEM:
		return "input-out-of-memory";
	case KLL_OK:
	case KLL_EINVALID:
	case KLL_EARG:
		break;
	}
	return "input-invalid";
}

const char *
kll__display_name(const char *path)
{
	if (path == NULL)
		return "";
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

kll_status
kll__error_set(kll_error *err, kll_status code, const char *file, unsigned line,
    unsigned col, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	memset(err, 0, sizeof(*err));
	err->code = code;
	err->severity = KLL_SEV_ERROR;
	if (file != NULL)
		snprintf(err->file, sizeof(err->file), "%s",
		    kll__display_name(file));
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

kll_status
kll__nomem(kll_error *err)
{
	return kll__error_set(err, KLL_ENOMEM, NULL, 0, 0, "out of memory");
}

kll_status
kll__error_limit(kll_error *err, const char *file, unsigned line, unsigned col,
    const char *rule, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return KLL_ESYNTAX;
	kll__error_set(err, KLL_ESYNTAX, file, line, col, "%s", "");
	snprintf(err->rule, sizeof(err->rule), "%s", rule);
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return KLL_ESYNTAX;
}

FILE *
kll__fopen_file(const char *path, kll_error *err)
{
	struct stat sb;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL) {
		kll__error_set(err, KLL_EIO, path, 0, 0, "cannot open: %s",
		    strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fclose(fp);
		kll__error_set(
		    err, KLL_EIO, path, 0, 0, "cannot read: Is a directory");
		return NULL;
	}
	return fp;
}

/* One problem at file:line:col to the sink, the first also in *first. */
static void
vproblem(kll__problems *p, const char *file, unsigned line, unsigned col,
    const char *rule, const char *fmt, va_list ap)
{
	kll_error d;

	memset(&d, 0, sizeof(d));
	d.code = KLL_EINVALID;
	d.severity = KLL_SEV_ERROR;
	snprintf(d.file, sizeof(d.file), "%s", kll__display_name(file));
	d.line = line;
	d.col = col;
	snprintf(d.rule, sizeof(d.rule), "%s", rule);
	vsnprintf(d.msg, sizeof(d.msg), fmt, ap);
	if (p->n++ == 0 && p->first != NULL)
		*p->first = d;
	if (p->fn != NULL)
		p->fn(p->payload, &d);
}

void
kll__problem(kll__problems *p, const char *file, unsigned line,
    const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vproblem(p, file, line, 0, rule, fmt, ap);
	va_end(ap);
}

void
kll__problem_at(kll__problems *p, const char *file, unsigned line, unsigned col,
    const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vproblem(p, file, line, col, rule, fmt, ap);
	va_end(ap);
}
