import { ApiProperty } from '@nestjs/swagger';
import type { Tx } from '@desk/platform';
import type { ComplaintEntity } from './complaint.entity.js';
import type { PublicStatus } from './complaint.constants.js';

/** The ticket working a complaint, as agents see it (SPEC: tickets). */
export class TicketView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ example: 'general' }) queueKey!: string;
  @ApiProperty({
    enum: ['new', 'assigned', 'in_progress', 'awaiting_user', 'resolved', 'closed'],
  })
  status!: string;
  @ApiProperty({ enum: ['P1', 'P2', 'P3', 'P4'] }) priority!: string;
  @ApiProperty({ example: 'billing' }) category!: string;
  @ApiProperty({ nullable: true, format: 'uuid' }) assigneeId!: string | null;
  @ApiProperty() firstResponseDueAt!: string;
  @ApiProperty() resolutionDueAt!: string;
  @ApiProperty({ nullable: true }) firstRespondedAt!: string | null;
  @ApiProperty({ nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ nullable: true }) closedAt!: string | null;
  @ApiProperty({ description: 'The SLA clock stands still (awaiting the user, resolved)' })
  slaPaused!: boolean;
  @ApiProperty({ example: 0 }) escalationLevel!: number;
  @ApiProperty() breached!: boolean;
  @ApiProperty({ example: 0 }) reopenCount!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

/**
 * What complaint handling needs from ticket handling. Declared here and provided by the tickets
 * library, so complaints never import tickets (which builds on complaints): triage opens the ticket
 * and a user's reply moves it inside their own transactions, and views show it.
 */
export abstract class TicketPort {
  /** Opens (routes, assigns, starts the SLA of) the tickets of freshly triaged complaints; idempotent. */
  abstract openMany(tx: Tx, complaints: readonly ComplaintEntity[]): Promise<void>;

  /** The complaint's category or priority was corrected: the ticket follows. */
  abstract recategorized(tx: Tx, complaint: ComplaintEntity): Promise<void>;

  /** The user answered on the tracking page: a waiting ticket resumes, a resolved one may reopen. */
  abstract userReplied(tx: Tx, complaint: ComplaintEntity, at: Date): Promise<void>;

  /** The user rated the handling of their complaint (kept with the ticket for SLA reports). */
  abstract rated(tx: Tx, complaint: ComplaintEntity, rating: number): Promise<void>;

  abstract ticketOf(complaintId: string): Promise<TicketView | null>;

  /** What the user sees: derived from the ticket of the complaint (or of the one it duplicates). */
  abstract publicStatus(complaint: ComplaintEntity): Promise<PublicStatus>;
}

/** A compensation as complaint views show it. */
export class ComplaintCompensation {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 7 }) memberDays!: number;
  @ApiProperty({ example: 100 }) qCoins!: number;
  @ApiProperty({
    enum: ['pending', 'approved', 'posted', 'fulfilled', 'rejected', 'expired', 'failed'],
  })
  status!: string;
  @ApiProperty({ enum: ['manual', 'rule', 'incident'] }) source!: string;
  @ApiProperty() createdAt!: string;
}

/** What complaint views need from compensation (provided by the compensation library). */
export abstract class CompensationPort {
  abstract ofComplaint(complaintId: string): Promise<ComplaintCompensation[]>;
}

/** A published public statement, as users see it. */
export class PublicStatement {
  @ApiProperty({ enum: ['public_apology', 'status_update'] }) kind!: string;
  @ApiProperty({ enum: ['zh', 'en'] }) locale!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty() publishedAt!: string;
}

/** An incident on the status page. */
export class PublicIncident {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['detected', 'confirmed', 'mitigating', 'resolved', 'reviewed'] })
  status!: string;
  @ApiProperty({ enum: ['SEV1', 'SEV2', 'SEV3', 'SEV4'] }) severity!: string;
  @ApiProperty({ type: [PublicStatement] }) statements!: PublicStatement[];
}

/**
 * What complaint handling needs from incident handling (provided by the incidents library): a
 * freshly triaged complaint joins the open incident of its kind, and the tracking and status
 * pages show incidents, their public statements and the incident grant a user received.
 */
export abstract class IncidentPort {
  abstract complaintsTriaged(tx: Tx, complaints: readonly ComplaintEntity[]): Promise<void>;

  abstract forTracking(complaint: ComplaintEntity): Promise<{
    incident: { title: string; statements: PublicStatement[] } | null;
    compensations: { memberDays: number; qCoins: number; status: string }[];
  }>;

  abstract publicIncidents(): Promise<PublicIncident[]>;
}
