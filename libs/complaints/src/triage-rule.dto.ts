import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { CATEGORIES, type Category, PRIORITIES, type Priority } from './complaint.constants.js';

export class CreateTriageRuleDto {
  @ApiProperty({ example: 'Account taken over' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({
    enum: CATEGORIES,
    nullable: true,
    description: 'Category this rule votes for',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(CATEGORIES)
  category?: Category | null;

  @ApiPropertyOptional({
    enum: PRIORITIES,
    nullable: true,
    description: 'Priority to raise to when it matches',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(PRIORITIES)
  priority?: Priority | null;

  @ApiProperty({
    example: '被盗|盗号|hacked|stolen account',
    description: 'Terms separated by |, or a regex when isRegex',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  pattern!: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  isRegex?: boolean;

  @ApiProperty({
    example: 2.5,
    minimum: -10,
    maximum: 10,
    description: 'Log-odds added to the category when it matches',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-10)
  @Max(10)
  weight!: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateTriageRuleDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) name?: string;

  @ApiPropertyOptional({ enum: CATEGORIES, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(CATEGORIES)
  category?: Category | null;

  @ApiPropertyOptional({ enum: PRIORITIES, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(PRIORITIES)
  priority?: Priority | null;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(500) pattern?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isRegex?: boolean;

  @ApiPropertyOptional({ minimum: -10, maximum: 10 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-10)
  @Max(10)
  weight?: number;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class TriageRuleView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, enum: CATEGORIES }) category!: string | null;
  @ApiProperty({ nullable: true, enum: PRIORITIES }) priority!: string | null;
  @ApiProperty() pattern!: string;
  @ApiProperty() isRegex!: boolean;
  @ApiProperty() weight!: number;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'Bumped by every edit' }) version!: number;
  @ApiProperty() updatedAt!: string;
}

export class TriageRulePage {
  @ApiProperty({ type: [TriageRuleView] }) items!: TriageRuleView[];
  @ApiProperty() total!: number;
}

export class TriagePreviewDto {
  @ApiProperty({
    example: '我的账号被盗了，对方在用我的号发诈骗链接',
    minLength: 1,
    maxLength: 5200,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(5200)
  text!: string;
}
