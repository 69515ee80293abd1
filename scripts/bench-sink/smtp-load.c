/* SMTP load for `homing sink`: CONNECTIONS libcurl easy handles in one multi handle, each sending
 * its share of MESSAGES over a reused SMTP session (as Homing's SMTP adapter would).
 * Prints messages per second; asserts nothing.
 * Usage: smtp-load PORT MESSAGES CONNECTIONS */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char message[] =
    "From: shop@example.com\r\nTo: ana@example.com\r\nSubject: =?UTF-8?B?5qyi6L+O5Zue5p2l?=\r\n"
    "X-Homing-Key: bench\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    "Come back for 15% off.\r\n.a line that gets dot-stuffed\r\n";

struct upload { size_t offset; };

static size_t read_body(char *buffer, size_t size, size_t count, void *user) {
    struct upload *up = user;
    size_t left = sizeof(message) - 1 - up->offset;
    size_t n = size * count < left ? size * count : left;
    memcpy(buffer, message + up->offset, n);
    up->offset += n;
    return n;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: smtp-load PORT MESSAGES CONNECTIONS\n"); return 2; }
    int port = atoi(argv[1]), total = atoi(argv[2]), connections = atoi(argv[3]);
    char url[64];
    snprintf(url, sizeof url, "smtp://127.0.0.1:%d/bench.test", port);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURLM *multi = curl_multi_init();
    CURL **easy = calloc(connections, sizeof *easy);
    struct upload *uploads = calloc(connections, sizeof *uploads);
    struct curl_slist *rcpt = curl_slist_append(NULL, "<ana@example.com>");
    int started = 0, done = 0, failed = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < connections && started < total; i++, started++) {
        easy[i] = curl_easy_init();
        curl_easy_setopt(easy[i], CURLOPT_URL, url);
        curl_easy_setopt(easy[i], CURLOPT_MAIL_FROM, "<shop@example.com>");
        curl_easy_setopt(easy[i], CURLOPT_MAIL_RCPT, rcpt);
        curl_easy_setopt(easy[i], CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(easy[i], CURLOPT_READFUNCTION, read_body);
        curl_easy_setopt(easy[i], CURLOPT_READDATA, &uploads[i]);
        curl_easy_setopt(easy[i], CURLOPT_PRIVATE, (void *)(long)i);
        curl_multi_add_handle(multi, easy[i]);
    }
    while (done < total) {
        int running, queued;
        curl_multi_perform(multi, &running);
        CURLMsg *msg;
        while ((msg = curl_multi_info_read(multi, &queued))) {
            if (msg->msg != CURLMSG_DONE) continue;
            CURL *handle = msg->easy_handle;
            if (msg->data.result != CURLE_OK) failed++;
            done++;
            long index;
            curl_easy_getinfo(handle, CURLINFO_PRIVATE, (char **)&index);
            curl_multi_remove_handle(multi, handle);
            if (started < total) {
                uploads[index].offset = 0;
                curl_multi_add_handle(multi, handle);  /* same handle: libcurl reuses its SMTP session */
                started++;
            }
        }
        if (done < total) curl_multi_poll(multi, NULL, 0, 100, NULL);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("smtp: %d messages (%d failed) over %d connections in %.2f s: %.0f messages/s\n",
           total, failed, connections, seconds, total / seconds);
    return failed ? 1 : 0;
}
