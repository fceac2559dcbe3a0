// Who did something, as recorded at the time: its own module because ideas, disputes and
// history all carry it and none of them should import another for it.

/** A person as recorded at the time (the name is kept so history reads well after people leave). */
export interface PersonRef {
  /** Entra object id. */
  id: string;
  name: string;
}
