import { Injectable } from '@nestjs/common';
import { jieba } from '@desk/triage';

const WORD = /[\p{L}\p{N}]/u;

/**
 * Turns complaint text into space-separated words for PostgreSQL's `simple` full-text search.
 * Chinese has no spaces, so jieba segments it in search mode (which also emits the shorter words
 * inside long ones: 账号被盗 → 账号, 被盗), and a search for any Chinese word finds the complaint.
 */
@Injectable()
export class SearchText {
  of(...parts: (string | null | undefined)[]): string {
    return this.words(parts.filter(Boolean).join('\n')).join(' ');
  }

  words(text: string): string[] {
    return jieba()
      .cutForSearch(text, true)
      .map((word) => word.trim().toLowerCase())
      .filter((word) => WORD.test(word));
  }
}
