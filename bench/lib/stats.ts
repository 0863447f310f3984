/** The middle value (the upper one of an even count): rounds are few, so no interpolation. */
export const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export const average = (values: number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / values.length;
