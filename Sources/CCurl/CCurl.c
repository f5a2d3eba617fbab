#include "CCurl.h"
#include <pthread.h>

static pthread_once_t ccurl_once = PTHREAD_ONCE_INIT;
static CURLcode ccurl_init_result = CURLE_OK;

static void ccurl_do_global_init(void) {
    ccurl_init_result = curl_global_init(CURL_GLOBAL_ALL);
}

CURLcode ccurl_global_init_once(void) {
    pthread_once(&ccurl_once, ccurl_do_global_init);
    return ccurl_init_result;
}

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

CURLcode ccurl_setopt_read_function(CURL *handle, curl_read_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

CURLcode ccurl_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode ccurl_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

static int ccurl_ssh_strict_key(CURL *easy, const struct curl_khkey *knownkey, const struct curl_khkey *foundkey,
                                enum curl_khmatch match, void *clientp) {
    (void)easy; (void)knownkey; (void)foundkey; (void)clientp;
    return match == CURLKHMATCH_OK ? CURLKHSTAT_FINE : CURLKHSTAT_REJECT;
}

CURLcode ccurl_setopt_ssh_strict_keyfunction(CURL *handle) {
    return curl_easy_setopt(handle, CURLOPT_SSH_KEYFUNCTION, ccurl_ssh_strict_key);
}

long ccurl_usessl_all(void) { return (long)CURLUSESSL_ALL; }
long ccurl_ftp_create_dir(void) { return (long)CURLFTP_CREATE_DIR; }
long ccurl_readfunc_abort(void) { return (long)CURL_READFUNC_ABORT; }
long ccurl_ssh_auth_publickey(void) { return (long)CURLSSH_AUTH_PUBLICKEY; }
long ccurl_ssh_auth_password(void) { return (long)CURLSSH_AUTH_PASSWORD; }
