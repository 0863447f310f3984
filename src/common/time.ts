/** The current time in whole seconds since the epoch, the unit of JWT and of every stored expiry. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
