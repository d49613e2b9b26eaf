// The public API of @mimo/data. Empty until its issue lands ("Data library: CSV, images, text, time series, arrays").
export {};
