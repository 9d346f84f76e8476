import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery, type Role, ROLES } from '@desk/platform';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

const SKILL = /^[a-z0-9][a-z0-9_-]{0,49}$/;

export class CreateStaffDto {
  @ApiProperty({ example: 'li.wei@desk.example' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'a-long-passphrase-42', minLength: 12, maxLength: 128 })
  @IsString()
  @MinLength(12)
  @MaxLength(128)
  password!: string;

  @ApiProperty({ example: 'Li Wei' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['agent'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiProperty({
    type: [String],
    example: ['general', 'billing'],
    description: 'Queue keys this person can work',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(SKILL, { each: true, message: 'each skill must be a queue key (a-z, 0-9, _ or -)' })
  skills!: string[];

  @ApiPropertyOptional({
    default: 20,
    minimum: 0,
    maximum: 1000,
    description: 'Most open tickets at once',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  capacity?: number;
}

export class UpdateStaffDto {
  @ApiPropertyOptional({
    example: false,
    description: 'false disables the account; its tokens stop working at once',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: ROLES, isArray: true, example: ['agent', 'supervisor'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ type: [String], example: ['general'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(SKILL, { each: true, message: 'each skill must be a queue key (a-z, 0-9, _ or -)' })
  skills?: string[];

  @ApiPropertyOptional({ minimum: 0, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  capacity?: number;

  @ApiPropertyOptional({ example: 'Li Wei' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName?: string;
}

export class ListStaffQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class StaffView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'li.wei@desk.example' }) email!: string;
  @ApiProperty({ example: 'Li Wei' }) displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ type: [String] }) skills!: string[];
  @ApiProperty({ example: 20 }) capacity!: number;
  @ApiProperty({ example: true }) active!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class StaffPage {
  @ApiProperty({ type: [StaffView] }) items!: StaffView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export class LoginDto {
  @ApiProperty({ example: 'admin@desk.local' })
  @IsString()
  @MinLength(3)
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'desk-admin-dev-password' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password!: string;
}

export class LoginUser {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
}

export class LoginResponse {
  @ApiProperty({ description: 'Bearer token for staff routes' }) accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ example: 28800, description: 'Seconds until the token expires' })
  expiresIn!: number;
  @ApiProperty({ type: LoginUser }) user!: LoginUser;
}
