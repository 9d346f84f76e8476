import { DomainError } from '@desk/platform';
import { TicketErrorCode } from './tickets.constants.js';

export const ticketNotFound = () =>
  DomainError.notFound(TicketErrorCode.TicketNotFound, 'No ticket with this id');

export const ticketClosed = () =>
  DomainError.conflict(TicketErrorCode.TicketClosed, 'The ticket is closed');
