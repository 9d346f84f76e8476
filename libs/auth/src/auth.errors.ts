export enum AuthErrorCode {
  InvalidCredentials = 'INVALID_CREDENTIALS',
  LoginThrottled = 'LOGIN_THROTTLED',
  InvalidToken = 'INVALID_TOKEN',
  StaffEmailTaken = 'STAFF_EMAIL_TAKEN',
  StaffNotFound = 'STAFF_NOT_FOUND',
  LastAdmin = 'LAST_ADMIN',
  RoleRequired = 'ROLE_REQUIRED',
}
