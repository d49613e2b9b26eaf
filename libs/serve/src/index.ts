// The public API of @mimo/serve. Empty until its issue lands ("Serving: an HTTP server for every app's models").
export {};
