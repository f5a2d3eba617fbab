#ifndef MARKETSYNC_CCRYPTO_H
#define MARKETSYNC_CCRYPTO_H
#include <stddef.h>
#include <stdint.h>

/// MD5 of `data` into `out` (16 bytes). Returns 1 on success.
int msync_md5(const void *data, size_t length, uint8_t out[16]);
/// SHA-256 of `data` into `out` (32 bytes). Returns 1 on success.
int msync_sha256(const void *data, size_t length, uint8_t out[32]);
/// HMAC-SHA256 of `data` keyed with `key` into `out` (32 bytes). Returns 1 on success.
int msync_hmac_sha256(const void *key, size_t keyLength, const void *data, size_t length, uint8_t out[32]);
/// HMAC-MD5 of `data` keyed with `key` into `out` (16 bytes). Returns 1 on success.
int msync_hmac_md5(const void *key, size_t keyLength, const void *data, size_t length, uint8_t out[16]);

#endif
