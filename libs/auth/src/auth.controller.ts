import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Public } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import type { AuthUser } from './auth.types.js';

const loginSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail and password; answers an access token (JWT) and the user.' })
  login(@Body({ schema: loginSchema }) body: z.infer<typeof loginSchema>, @Ip() ip: string) {
    return this.auth.login(body.email, body.password, ip);
  }

  @Get('me')
  @ApiOperation({ summary: 'Who the access token or API key belongs to.' })
  me(@CurrentUser() user: AuthUser) {
    return user;
  }
}
