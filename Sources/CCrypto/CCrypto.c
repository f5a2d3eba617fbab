#include "CCrypto.h"
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

/// OpenSSL is initialised before main and told not to clean itself up at exit. By default its first use registers an
/// atexit handler that frees its global locks; a process that exits while another thread is still inside OpenSSL (a
/// libcurl SFTP or TLS connection on a transfer thread, torn down as the process ends) then crashes in
/// pthread_rwlock_wrlock on a freed lock. The memory is the kernel's to reclaim at exit anyway.
__attribute__((constructor)) static void msync_openssl_init_without_atexit(void) {
    OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, NULL);
}

static int digest(const EVP_MD *md, const void *data, size_t length, uint8_t *out) {
    unsigned int written = 0;
    return EVP_Digest(data, length, out, &written, md, NULL);
}

int msync_md5(const void *data, size_t length, uint8_t out[16]) { return digest(EVP_md5(), data, length, out); }
int msync_sha256(const void *data, size_t length, uint8_t out[32]) { return digest(EVP_sha256(), data, length, out); }

static int mac(const EVP_MD *md, const void *key, size_t keyLength, const void *data, size_t length, uint8_t *out) {
    unsigned int written = 0;
    return HMAC(md, key, (int)keyLength, data, length, out, &written) != NULL;
}

int msync_hmac_sha256(const void *key, size_t keyLength, const void *data, size_t length, uint8_t out[32]) {
    return mac(EVP_sha256(), key, keyLength, data, length, out);
}
int msync_hmac_md5(const void *key, size_t keyLength, const void *data, size_t length, uint8_t out[16]) {
    return mac(EVP_md5(), key, keyLength, data, length, out);
}
