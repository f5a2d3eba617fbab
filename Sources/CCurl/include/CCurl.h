#ifndef MARKETSYNC_CCURL_H
#define MARKETSYNC_CCURL_H
#include <curl/curl.h>

// Typed wrappers over libcurl's variadic calls, which Swift cannot call directly.
// Each returns what libcurl returned.

/// curl_global_init(CURL_GLOBAL_ALL), done once per process however often it is called.
CURLcode ccurl_global_init_once(void);

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_off(CURL *handle, CURLoption option, curl_off_t value);
CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
/// For CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION (same signature).
CURLcode ccurl_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback callback);
CURLcode ccurl_setopt_read_function(CURL *handle, curl_read_callback callback);
CURLcode ccurl_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback callback);

CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode ccurl_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value);

/// CURLOPT_SSH_KEYFUNCTION set to a callback that accepts a host only when its key matches the known_hosts
/// file exactly (CURLKHMATCH_OK) and rejects an unknown or different key; nothing is ever added to the file.
CURLcode ccurl_setopt_ssh_strict_keyfunction(CURL *handle);

/// The numeric values of enum-like macros Swift cannot import.
long ccurl_usessl_all(void);
long ccurl_ftp_create_dir(void);
long ccurl_readfunc_abort(void);
long ccurl_ssh_auth_publickey(void);
long ccurl_ssh_auth_password(void);

#endif
