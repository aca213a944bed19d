import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TRIPLINE_CONFIG } from '../config/config.module';
import { TriplineConfig } from '../config/tripline-config';
import { deriveKey } from '../crypto/derive-key';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { AuthenticatorService } from './authenticator.service';
import { GqlAuthGuard } from './gql-auth.guard';
import { MembershipEntity } from './membership.entity';
import { TOKEN_LIFETIME_SECONDS, TokenService } from './token.service';
import { UserEntity } from './user.entity';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, MembershipEntity]),
    WorkspacesModule,
    JwtModule.registerAsync({
      inject: [TRIPLINE_CONFIG],
      // A key of its own (HKDF), so it is never the key that encrypts secrets at rest.
      useFactory: (config: TriplineConfig) => ({
        secret: deriveKey(config.secretKey, 'tripline:jwt-signing:v1'),
        signOptions: { algorithm: 'HS256', expiresIn: TOKEN_LIFETIME_SECONDS, issuer: 'tripline' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'tripline' },
      }),
    }),
  ],
  providers: [UsersService, TokenService, AuthenticatorService, AuthService, AuthResolver, { provide: APP_GUARD, useClass: GqlAuthGuard }],
  exports: [UsersService, TokenService, AuthenticatorService],
})
export class AuthModule {}
