import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@desk/platform';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'Only unread ones' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class NotificationView {
  @ApiProperty() id!: number;
  @ApiProperty({
    enum: [
      'ticket_assigned',
      'ticket_handed_over',
      'ticket_reopened',
      'sla_warning',
      'sla_breach',
      'queue_unstaffed',
    ],
  })
  kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, format: 'uuid' }) ticketId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true }) readAt!: string | null;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] }) items!: NotificationView[];
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Unread notifications in all' }) unread!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}
