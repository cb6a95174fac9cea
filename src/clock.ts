// Time is passed in, never read directly by the stages (style.md): tests hand in a fixed clock.
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
