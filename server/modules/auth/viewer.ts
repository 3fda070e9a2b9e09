import { Role } from './role.js';

/** The signed-in user as the access rules see them. */
export class Viewer {
  constructor(
    readonly userId: string,
    readonly role: Role,
    readonly organisationId: string | null,
  ) {}

  get isAdmin(): boolean {
    return this.role === Role.ADMIN;
  }

  /** The fund's monitoring department and administrators read every organisation's records. */
  get readsAllOrganisations(): boolean {
    return this.role === Role.ADMIN || this.role === Role.MONITORING;
  }

  hasRole(...roles: Role[]): boolean {
    return roles.includes(this.role);
  }
}
