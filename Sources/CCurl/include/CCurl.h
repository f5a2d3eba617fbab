#ifndef MARKETSYNC_CCURL_H
#define MARKETSYNC_CCURL_H
#include <curl/curl.h>
#endif
