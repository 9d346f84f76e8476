/** Ticket states (SPEC: tickets). `awaiting_user` and `resolved` pause the SLA clock. */
export const TICKET_STATUSES = [
  'new',
  'assigned',
  'in_progress',
  'awaiting_user',
  'resolved',
  'closed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** States in which a ticket is someone's work and counts against their capacity. */
export const OPEN_STATUSES: readonly TicketStatus[] = ['assigned', 'in_progress', 'awaiting_user'];

/** States in which the SLA clock stands still. */
export const PAUSED_STATUSES: readonly TicketStatus[] = ['awaiting_user', 'resolved'];

/** A user's reply reopens a resolved ticket within this many days; later, it is closed for good. */
export const REOPEN_WINDOW_DAYS = 14;

/** The queue a fresh install has; it takes whatever no other queue claims. */
export const DEFAULT_QUEUE_KEY = 'general';

/** Longest reply or note, typed or rendered from a canned response. */
export const MAX_MESSAGE_LENGTH = 5000;

export const QUEUE_KEY = /^[a-z0-9][a-z0-9_-]{0,49}$/;

export enum TicketErrorCode {
  TicketNotFound = 'TICKET_NOT_FOUND',
  TransitionNotAllowed = 'TICKET_TRANSITION_NOT_ALLOWED',
  TicketUnassigned = 'TICKET_UNASSIGNED',
  AlreadyAssigned = 'TICKET_ALREADY_ASSIGNED',
  TicketClosed = 'TICKET_CLOSED',
  AssigneeNotEligible = 'ASSIGNEE_NOT_ELIGIBLE',
  QueueNotFound = 'QUEUE_NOT_FOUND',
  QueueExists = 'QUEUE_EXISTS',
  StaffNotFound = 'STAFF_NOT_FOUND',
  CannedResponseNotFound = 'CANNED_RESPONSE_NOT_FOUND',
  CannedResponseExists = 'CANNED_RESPONSE_EXISTS',
  TemplateVariablesMissing = 'TEMPLATE_VARIABLES_MISSING',
  NotificationNotFound = 'NOTIFICATION_NOT_FOUND',
  InvalidTimeZone = 'INVALID_TIME_ZONE',
  InvalidPeriod = 'INVALID_PERIOD',
}
