// Typed, non-variadic wrappers around libcurl's variadic option and info functions, which Swift
// cannot call directly. One wrapper per argument type: passing the wrong type to a variadic C
// function is undefined behaviour, so the type lives in the function name.
#ifndef HOMING_CCURL_SHIM_H
#define HOMING_CCURL_SHIM_H

#include <curl/curl.h>
#include <errno.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

typedef size_t (*ccurl_write_callback)(char *data, size_t size, size_t count, void *userdata);
typedef size_t (*ccurl_read_callback)(char *buffer, size_t size, size_t count, void *userdata);
typedef size_t (*ccurl_header_callback)(char *data, size_t size, size_t count, void *userdata);

// curl_easy_setopt

static inline CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_setopt_write_function(CURL *handle, ccurl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

static inline CURLcode ccurl_easy_setopt_read_function(CURL *handle, ccurl_read_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

static inline CURLcode ccurl_easy_setopt_header_function(CURL *handle, ccurl_header_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}

typedef int (*ccurl_sockopt_callback)(void *clientp, curl_socket_t socket, curlsocktype purpose);
typedef int (*ccurl_closesocket_callback)(void *clientp, curl_socket_t socket);

static inline CURLcode ccurl_easy_setopt_sockopt_function(CURL *handle, ccurl_sockopt_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_SOCKOPTFUNCTION, callback);
}

static inline CURLcode ccurl_easy_setopt_closesocket_function(CURL *handle, ccurl_closesocket_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_CLOSESOCKETFUNCTION, callback);
}

// curl_easy_getinfo

static inline CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode ccurl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode ccurl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

// The string is owned by the handle and valid until it is cleaned up or reused.
static inline CURLcode ccurl_easy_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

// curl_multi_setopt

static inline CURLMcode ccurl_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

static inline CURLMcode ccurl_multi_setopt_pointer(CURLM *handle, CURLMoption option, void *value) {
    return curl_multi_setopt(handle, option, value);
}

static inline CURLMcode ccurl_multi_setopt_socket_function(CURLM *handle, curl_socket_callback callback) {
    return curl_multi_setopt(handle, CURLMOPT_SOCKETFUNCTION, callback);
}

static inline CURLMcode ccurl_multi_setopt_timer_function(CURLM *handle, curl_multi_timer_callback callback) {
    return curl_multi_setopt(handle, CURLMOPT_TIMERFUNCTION, callback);
}

// epoll for curl_multi_socket_action. `struct epoll_event` is packed on x86-64, a layout Swift
// should not be trusted to mirror, so these helpers keep it on the C side.

// Watches `fd` for what libcurl asked (CURL_POLL_IN, _OUT or _INOUT). `known` says whether the fd
// is already in the epoll set; a stale guess (an fd closed and reused) is corrected by retrying
// with the other operation. Returns 0 or -1 with errno set.
static inline int ccurl_epoll_watch(int epfd, int fd, int what, int known) {
    struct epoll_event event;
    memset(&event, 0, sizeof event);
    event.events = ((what & CURL_POLL_IN) ? EPOLLIN : 0) | ((what & CURL_POLL_OUT) ? EPOLLOUT : 0);
    event.data.fd = fd;
    if (epoll_ctl(epfd, known ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event) == 0) return 0;
    if (errno != (known ? ENOENT : EEXIST)) return -1;
    return epoll_ctl(epfd, known ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &event);
}

static inline void ccurl_epoll_unwatch(int epfd, int fd) {
    // Fails harmlessly when the fd was already closed, which drops it from the set anyway.
    (void)epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL);
}

// Waits up to `timeout_ms` (-1: no limit) and writes each ready fd with its CURL_CSELECT_* bits
// into `fds` and `bits` (room for `capacity`, at most 64). Returns the count, 0 on timeout or
// EINTR, -1 on other errors.
static inline int ccurl_epoll_wait(int epfd, int *fds, int *bits, int capacity, int timeout_ms) {
    struct epoll_event events[64];
    int count = epoll_wait(epfd, events, capacity < 64 ? capacity : 64, timeout_ms);
    if (count < 0) return errno == EINTR ? 0 : -1;
    for (int index = 0; index < count; index++) {
        unsigned flags = events[index].events;
        fds[index] = events[index].data.fd;
        bits[index] = ((flags & (EPOLLIN | EPOLLHUP | EPOLLRDHUP)) ? CURL_CSELECT_IN : 0)
            | ((flags & EPOLLOUT) ? CURL_CSELECT_OUT : 0) | ((flags & EPOLLERR) ? CURL_CSELECT_ERR : 0);
    }
    return count;
}

static const int ccurl_eventfd_flags = EFD_NONBLOCK | EFD_CLOEXEC;
static const int ccurl_epoll_cloexec = EPOLL_CLOEXEC;

// Macros Swift does not import.

static const long ccurl_pipe_multiplex = CURLPIPE_MULTIPLEX;
static const curl_socket_t ccurl_socket_timeout = CURL_SOCKET_TIMEOUT;
static const int ccurl_poll_remove = CURL_POLL_REMOVE;
static const long ccurl_global_all = CURL_GLOBAL_ALL;
static const int ccurl_error_size = CURL_ERROR_SIZE;
// What libcurl itself passes to curl_url_set when it parses CURLOPT_URL, so a URL handed over
// pre-parsed through CURLOPT_CURLU is read exactly as it would have been.
static const unsigned int ccurl_url_parse_flags = CURLU_GUESS_SCHEME | CURLU_NON_SUPPORT_SCHEME;

#endif
